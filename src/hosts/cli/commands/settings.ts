import { readFileSync } from 'node:fs';
import { callOp } from '../../../api';
import { CairnError } from '../../../shared/errors';
import { optString, optStrings } from '../args';
import type { Command } from '../command';

export const caseSettings: Command = {
  path: ['case', 'settings'],
  usage:
    'cairn case settings FILE [--internal-cidr CIDR]... [--threat-list NAME=FILE] [--remove-threat-list NAME] [--aws-ip-ranges FILE] [--json]',
  summary:
    'Show or change what analyses use: your internal ranges, threat lists, a newer AWS ip-ranges.json',
  details:
    '--internal-cidr replaces the whole list (repeat it for several ranges). Threat lists hold one IP or CIDR per line.',
  options: {
    'internal-cidr': { type: 'string', multiple: true },
    'threat-list': { type: 'string' },
    'remove-threat-list': { type: 'string' },
    'aws-ip-ranges': { type: 'string' },
  },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: {
    path: 'FILE',
    internalCidrs: '--internal-cidr',
    addThreatList: '--threat-list',
    awsIpRangesFile: '--aws-ip-ranges',
  },
  async run({ positionals, values, ctx }) {
    const cidrs = optStrings(values, 'internal-cidr');
    const threat = optString(values, 'threat-list');
    let addThreatList: { name: string; text: string } | undefined;
    if (threat !== undefined) {
      const eq = threat.indexOf('=');
      if (eq < 1)
        throw new CairnError('INVALID_INPUT', `--threat-list: "${threat}" is not NAME=FILE`);
      const file = threat.slice(eq + 1);
      try {
        addThreatList = { name: threat.slice(0, eq), text: readFileSync(file, 'utf8') };
      } catch {
        throw new CairnError('NOT_FOUND', `--threat-list: cannot read ${file}`);
      }
    }
    const r = await callOp(
      'case.settings',
      {
        path: positionals[0],
        ...(cidrs.length ? { internalCidrs: cidrs } : {}),
        ...(addThreatList ? { addThreatList } : {}),
        removeThreatList: optString(values, 'remove-threat-list'),
        awsIpRangesFile: optString(values, 'aws-ip-ranges'),
      },
      ctx,
    );
    const lines = [
      `Internal ranges  ${r.internalCidrs.length ? r.internalCidrs.join(', ') : 'none set (every address is external)'}`,
      `AWS ranges       ${r.awsIpRanges.source}`,
      ...(r.threatLists.length
        ? r.threatLists.map(
            (t) =>
              `Threat list      ${t.name}: ${t.entries} entries${t.badLines.length ? `; skipped ${t.badLines.join('; ')}` : ''}`,
          )
        : ['Threat lists     none']),
    ];
    return { json: r, human: lines.join('\n') };
  },
};
