/**
 * Checks of a profile's session settings, in the forms Sparkmagic and Livy
 * read: Livy turns these into spark-submit options, so a wrong value makes
 * every session of the user fail to start.
 */
import { MAX_TEXT_LENGTH, TOO_LONG, hasControlCharacter } from './values';

type Add = (path: string, message: string | null) => void;

/** Livy's `ClientConf.getTimeAsMs` units; a bare number would be milliseconds. */
const LIVY_DURATION = /^\d+(?:ms|s|m|min|h|d)$/;
/** Spark memory sizes (`spark.driver.memory`): a number and a binary unit. */
const SPARK_MEMORY = /^\d+[kmgt]b?$/i;
/** YARN queue names, dotted for nested queues (root.analytics). */
const QUEUE = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const CONF_KEY = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

const INTEGERS: [string, number, number][] = [
  ['startupTimeoutSeconds', 10, 86400],
  ['driverCores', 0, 1024],
  ['executorCores', 0, 1024],
  ['numExecutors', 0, 100000]
];

/** Optional text settings: the pattern they must match and an example for the message. */
const TEXTS: [string, RegExp, string][] = [
  ['idleTimeout', LIVY_DURATION, '4h, 90m or 1d'],
  ['queue', QUEUE, 'default or root.analytics'],
  ['driverMemory', SPARK_MEMORY, '2g or 512m'],
  ['executorMemory', SPARK_MEMORY, '2g or 512m']
];

function integerProblem(
  value: unknown,
  min: number,
  max: number
): string | null {
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= min &&
    value <= max
    ? null
    : `Must be a whole number from ${min} to ${max}.`;
}

function textProblem(
  value: unknown,
  pattern: RegExp,
  example: string
): string | null {
  if (typeof value !== 'string') {
    return 'Must be text.';
  }
  if (value.length > MAX_TEXT_LENGTH) {
    return TOO_LONG;
  }
  return value === '' || pattern.test(value)
    ? null
    : `'${value}' is not of the form ${example}; leave it empty for the cluster's default.`;
}

export function validateSessionSettings(session: unknown, add: Add): void {
  if (session === null || typeof session !== 'object') {
    add('session', 'Must be an object.');
    return;
  }
  const s = session as Record<string, unknown>;
  for (const [key, min, max] of INTEGERS) {
    add(`session/${key}`, integerProblem(s[key], min, max));
  }
  if (typeof s.heartbeat !== 'boolean') {
    add('session/heartbeat', 'Must be true or false.');
  }
  for (const [key, pattern, example] of TEXTS) {
    add(`session/${key}`, textProblem(s[key], pattern, example));
  }
  validateConf(s.conf, add);
}

function validateConf(conf: unknown, add: Add): void {
  if (conf === null || typeof conf !== 'object' || Array.isArray(conf)) {
    add('session/conf', 'Must be an object of Spark properties.');
    return;
  }
  for (const [key, value] of Object.entries(conf)) {
    const path = `session/conf/${key}`;
    if (!CONF_KEY.test(key)) {
      add(
        path,
        `'${key}' is not a Spark property name (e.g. spark.executor.memoryOverhead).`
      );
    } else if (typeof value !== 'string' || value === '') {
      add(path, 'Give the value as text.');
    } else if (value.length > MAX_TEXT_LENGTH || key.length > MAX_TEXT_LENGTH) {
      add(path, TOO_LONG);
    } else if (hasControlCharacter(value)) {
      add(path, 'A value cannot contain control characters.');
    }
  }
}
