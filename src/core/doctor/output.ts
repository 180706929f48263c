/**
 * Splits the doctor script's output into its framed sections (see
 * script-base.ts for the protocol). Text outside the frames (a login banner,
 * a prompt, an echoed command) is ignored.
 */
import { IDoctorOutput, IDoctorSection } from './types';

const BEGIN = /^@@SMKDOC BEGIN (\S+) ?(.*)$/;
const END = /^@@SMKDOC END (\S+) (-?\d+) ?(\d*)$/;

export function parseDoctorOutput(output: string): IDoctorOutput {
  const sections: IDoctorSection[] = [];
  let open: { id: string; arg: string; lines: string[] } | null = null;
  let complete = false;
  // Content keeps its bytes (HTTP headers end in \r); marker lines may carry
  // a \r from a terminal.
  for (const line of output.split('\n')) {
    if (open && line.startsWith('|')) {
      open.lines.push(line.slice(1));
      continue;
    }
    const raw = withoutTrailingCr(line);
    if (open) {
      const end = END.exec(raw);
      if (end && end[1] === open.id) {
        sections.push({
          id: open.id,
          arg: open.arg,
          text: open.lines.join('\n'),
          rc: Number(end[2]),
          ms: end[3] === '' ? null : Number(end[3])
        });
      }
      open = null;
      if (end) {
        continue;
      }
    }
    const begin = BEGIN.exec(raw);
    if (begin) {
      open = { id: begin[1], arg: begin[2].trim(), lines: [] };
    } else if (raw === '@@SMKDOC DONE') {
      complete = true;
    }
  }
  return { sections, complete };
}

/** `/\r+$/` retries from every `\r` of a run: quadratic on a line of them. */
function withoutTrailingCr(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 13) {
    end--;
  }
  return line.slice(0, end);
}

/** The sections with this id, in output order. */
export function sectionsOf(
  output: IDoctorOutput,
  id: string
): IDoctorSection[] {
  return output.sections.filter(s => s.id === id);
}

/** The first section with this id (and argument, when given). */
export function sectionOf(
  output: IDoctorOutput,
  id: string,
  arg?: string
): IDoctorSection | undefined {
  return output.sections.find(
    s => s.id === id && (arg === undefined || s.arg === arg)
  );
}

/**
 * The parts of a section introduced by `@@PART name` lines; text before the
 * first part is under ''.
 */
export function sectionParts(text: string): Map<string, string> {
  const parts = new Map<string, string>();
  let name = '';
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^@@PART (\S+)$/.exec(line);
    if (m) {
      parts.set(name, lines.join('\n'));
      name = m[1];
      lines = [];
    } else {
      lines.push(line);
    }
  }
  parts.set(name, lines.join('\n'));
  return parts;
}
