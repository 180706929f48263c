/**
 * Times shown in the panel and the status bar: compact countdowns that are
 * precise to the second in the last hour, and date-times in the user's
 * time zone, named.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

/** `9 h 58 min`, `12 min 05 s`, `45 s`; `expired` at or below zero. */
export function formatTimeLeft(ms: number, trans: TranslationBundle): string {
  return ms <= 0 ? trans.__('expired') : formatDuration(ms, trans);
}

/** A span of time in the same form; `0 s` at or below zero. */
export function formatDuration(ms: number, trans: TranslationBundle): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) {
    return trans.__('%1 d %2 h', days, hours);
  }
  if (hours > 0) {
    return trans.__('%1 h %2 min', hours, minutes);
  }
  if (minutes > 0) {
    return trans.__('%1 min %2 s', minutes, String(seconds).padStart(2, '0'));
  }
  return trans.__('%1 s', seconds);
}

/**
 * A date and time in the user's time zone, named (`Dec 7, 09:30 AM UTC`),
 * or an em dash when unknown.
 */
export function formatTime(ms: number | null): string {
  if (ms === null) {
    return '—';
  }
  return new Date(ms).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short'
  });
}
