/**
 * Reads a sign-in terminal's output as it arrives, in time linear in its
 * length: each message is searched together with a short tail of the one
 * before (a report or clear-screen split across messages is still found),
 * never the whole output again, and only the text since the last
 * clear-screen is kept.
 */
import { CLEAR_SCREEN, findOutcome, outcomeHead } from './script';

/** Longest exit code (three digits) and the BEL ending the report. */
const CODE_AND_END = 4;

export class SignInScan {
  constructor(marker: string) {
    this._marker = marker;
    this._head = outcomeHead(marker);
    this._overlap = Math.max(
      this._head.length + CODE_AND_END,
      CLEAR_SCREEN.length
    );
  }

  /** Adds a message; the exit code once the outcome report has arrived. */
  push(chunk: string): number | null {
    const window = this._tail + chunk;
    const code = this._code ?? findOutcome(window, this._marker);
    const clear = window.lastIndexOf(CLEAR_SCREEN);
    if (clear >= 0) {
      // It may begin in the tail, whose text is already among the parts.
      this._parts = [window.slice(clear + CLEAR_SCREEN.length)];
    } else {
      this._parts.push(chunk);
    }
    this._tail = window.slice(-this._overlap);
    this._code = code;
    return code;
  }

  /** The raw text since the last clear-screen, up to the report. */
  shown(): string {
    const text = this._parts.join('');
    this._parts = [text];
    const end = text.indexOf(this._head);
    return end < 0 ? text : text.slice(0, end);
  }

  private readonly _marker: string;
  private readonly _head: string;
  private readonly _overlap: number;
  private _parts: string[] = [];
  private _tail = '';
  private _code: number | null = null;
}
