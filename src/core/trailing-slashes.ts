/**
 * Trailing slashes cut off in one backward pass: `/\/+$/` retries from every
 * slash of a long run that does not end the text, quadratic in its length.
 */
export function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) {
    end--;
  }
  return text.slice(0, end);
}
