// Reads a delivered log file's bytes into text-ready form: gunzips when the bytes are gzip
// (whatever the file is called), refuses files too large to parse in memory with a clear reason,
// and salvages the readable part of a truncated gzip instead of losing the whole file.
import { constants, gunzipSync } from 'node:zlib';

/** Beyond this a document no longer fits in one V8 string; CloudTrail delivers files of a few MB. */
export const MAX_DECODED_BYTES = 400 * 1024 * 1024;

export interface Decoded {
  data: Buffer;
  compression: 'gzip' | 'none';
  /** Set when only part of the file could be read. */
  damage: string | null;
}

export class FileRejected extends Error {}

export function isGzip(raw: Buffer): boolean {
  return raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
}

/**
 * Output chunk size for gunzip: the size the gzip trailer states (ISIZE, the last member's size
 * mod 2^32), so the output lands in one buffer instead of 16 KiB pieces copied together at the
 * end. Only a hint: a wrong or truncated trailer just means more chunks. Bounded so a forged
 * trailer cannot make us allocate much up front.
 */
function gunzipChunkSize(raw: Buffer): number {
  const stated = raw.length >= 18 ? raw.readUInt32LE(raw.length - 4) : 0;
  return Math.min(Math.max(stated + 1, 16 * 1024), 32 * 1024 * 1024);
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(0)} MiB`;
}

export function decode(raw: Buffer, maxBytes = MAX_DECODED_BYTES): Decoded {
  if (!isGzip(raw)) {
    if (raw.length > maxBytes) {
      throw new FileRejected(
        `the file is ${mib(raw.length)}, larger than the ${mib(maxBytes)} Cairn reads in one piece; split it, or query it where it lives (CloudTrail Lake or Athena)`,
      );
    }
    return { data: raw, compression: 'none', damage: null };
  }
  try {
    return {
      data: gunzipSync(raw, {
        maxOutputLength: maxBytes,
        chunkSize: Math.max(64, Math.min(gunzipChunkSize(raw), maxBytes)),
      }),
      compression: 'gzip',
      damage: null,
    };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (err instanceof RangeError || code === 'ERR_BUFFER_TOO_LARGE') {
      throw new FileRejected(
        `the file decompresses to more than ${mib(maxBytes)}; split it, or query it where it lives (CloudTrail Lake or Athena)`,
      );
    }
    if (code === 'Z_BUF_ERROR') {
      // "unexpected end of file": the gzip stream stops early. Keep what decompresses.
      let partial: Buffer;
      try {
        partial = gunzipSync(raw, {
          finishFlush: constants.Z_SYNC_FLUSH,
          maxOutputLength: maxBytes,
        });
      } catch (inner) {
        throw new FileRejected(`not a readable gzip file: ${(inner as Error).message}`);
      }
      if (partial.length === 0)
        throw new FileRejected(
          'not a readable gzip file: it ends before any data could be decompressed',
        );
      return {
        data: partial,
        compression: 'gzip',
        damage: `the gzip stream is truncated: only the first ${partial.length} bytes could be decompressed`,
      };
    }
    throw new FileRejected(`not a readable gzip file: ${(err as Error).message}`);
  }
}
