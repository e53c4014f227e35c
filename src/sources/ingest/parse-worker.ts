// Worker thread that parses delivered files so the writer thread only commits: on a machine with
// two cores, gunzip + JSON.parse of file N+1 runs while file N is written to the case.
import { parentPort } from 'node:worker_threads';
import { packFile, transferList } from './pack';
import { parseFile } from './parse-file';
import type { ParseRequest, ParseReply } from './parser-pool';

parentPort?.on('message', (req: ParseRequest) => {
  let reply: ParseReply;
  try {
    const raw = Buffer.from(req.raw.buffer, req.raw.byteOffset, req.raw.byteLength);
    const packed = packFile(
      parseFile(req.location, raw, req.kind, {
        hash: req.sha256,
        ...(req.maxDecodedBytes ? { maxDecodedBytes: req.maxDecodedBytes } : {}),
      }),
    );
    reply = { id: req.id, packed };
    parentPort?.postMessage(reply, transferList(packed));
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.message : String(err) };
    parentPort?.postMessage(reply);
  }
});
