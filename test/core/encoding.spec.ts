import { createHash } from 'crypto';
import * as fc from 'fast-check';
import {
  EncodingError,
  base64Decode,
  base64Encode,
  utf8Decode,
  utf8Encode
} from '../../src/core/terminal/encoding';
import { sha256Hex } from '../../src/core/terminal/sha256';

describe('utf8', () => {
  it('matches Node for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), s => {
        expect(Buffer.from(utf8Encode(s)).equals(Buffer.from(s, 'utf8'))).toBe(
          true
        );
      }),
      { numRuns: 2000 }
    );
  });

  it('decodes any bytes as TextDecoder does', () => {
    const decoder = new TextDecoder();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), bytes => {
        expect(utf8Decode(bytes)).toBe(decoder.decode(bytes));
      }),
      { numRuns: 5000 }
    );
    const tricky = [
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x9f, 0x98],
      [0xc0, 0xaf],
      [0xff, 0x41]
    ];
    for (const t of tricky) {
      expect(utf8Decode(Uint8Array.from(t))).toBe(
        decoder.decode(Uint8Array.from(t))
      );
    }
  });

  it('round-trips long text', () => {
    const s = 'é中\u{1F600}'.repeat(50000);
    expect(utf8Decode(utf8Encode(s))).toBe(s);
  });
});

describe('base64', () => {
  it('matches Node both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), bytes => {
        const b64 = Buffer.from(bytes).toString('base64');
        expect(base64Encode(bytes)).toBe(b64);
        expect(Buffer.from(base64Decode(b64)).equals(Buffer.from(bytes))).toBe(
          true
        );
        const wrapped = b64.replace(/(.{76})/g, '$1\r\n');
        expect(
          Buffer.from(base64Decode(wrapped)).equals(Buffer.from(bytes))
        ).toBe(true);
      }),
      { numRuns: 2000 }
    );
  });

  it('rejects foreign text', () => {
    for (const bad of ['abc', 'ab=c', 'a b c d', '\u001b[0mAAAA', 'AA==AA==']) {
      expect(() => base64Decode(bad)).toThrow(EncodingError);
    }
  });
});

describe('sha256', () => {
  it('matches the FIPS vectors and Node', () => {
    expect(sha256Hex(new Uint8Array())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    );
    expect(sha256Hex(utf8Encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), bytes => {
        expect(sha256Hex(bytes)).toBe(
          createHash('sha256').update(bytes).digest('hex')
        );
      }),
      { numRuns: 1000 }
    );
    const big = new Uint8Array(300000).map((_, i) => (i * 7) & 255);
    expect(sha256Hex(big)).toBe(createHash('sha256').update(big).digest('hex'));
  });
});
