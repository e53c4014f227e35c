// The field readers used by the parser, on inputs the sample lines do not reach.
import { describe, expect, it } from 'vitest';
import { accessKeyIdOf, decodeKey } from '../../../../src/sources/s3-access';

describe('decodeKey', () => {
  it('returns the same string when there is nothing to decode', () => {
    expect(decodeKey('plain/key.txt')).toBe('plain/key.txt');
  });

  it('replaces invalid UTF-8 with U+FFFD instead of throwing', () => {
    expect(decodeKey('%E2%82.txt')).toBe('\uFFFD.txt');
    expect(decodeKey('%FF%41')).toBe('\uFFFDA');
  });

  it('keeps characters outside the Basic Multilingual Plane in a partly malformed key', () => {
    expect(decodeKey('𝄞%ZZ%41')).toBe('𝄞%ZZA');
  });
});

describe('accessKeyIdOf', () => {
  it('ignores values that cannot be access key IDs', () => {
    expect(accessKeyIdOf('GET /x?X-Amz-Credential=short%2F20190206 HTTP/1.1')).toBeNull();
    expect(accessKeyIdOf('GET /x?AWSAccessKeyId=AKIA-NOT-A-KEY-ID-AT-ALL HTTP/1.1')).toBeNull();
    expect(accessKeyIdOf('GET /x?AWSAccessKeyId= HTTP/1.1')).toBeNull();
  });

  it('does not read past the query string into the protocol', () => {
    expect(accessKeyIdOf('GET /x?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE HTTP/1.1')).toBe(
      'AKIAIOSFODNN7EXAMPLE',
    );
    expect(accessKeyIdOf('GET /x?a=1 HTTP/1.1&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE')).toBeNull();
  });

  it('matches parameter names case-insensitively', () => {
    expect(accessKeyIdOf('GET /x?x-amz-credential=AKIAIOSFODNN7EXAMPLE/20190206 HTTP/1.1')).toBe(
      'AKIAIOSFODNN7EXAMPLE',
    );
  });
});
