// The bucket exposure screen in a browser: a case holding real evidence (Panther's public-policy
// rule-test event, Panther's attacker access log) plus a policy change and its containment written
// for the test, analysed from the Findings tab, drawn as a chart.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { freshDir } from '../helpers/tmp';
import { openSession, screenshot, type Session } from './browser';

const DATA = join(import.meta.dirname, '../fixtures/data');

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Panther rule-test events by test name, unwrapped from their `log`, one a line. */
function pantherEvents(testNames: string[]): string {
  const tests = readFileSync(
    join(DATA, 'panther-analysis/panther_cloudtrail_test_events.ndjson'),
    'utf8',
  )
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { _test_name: string; log: unknown });
  return testNames
    .map((name) => JSON.stringify(tests.find((t) => t._test_name === name)!.log))
    .join('\n');
}

/** A policy opening acme.customerdata-prod at 10:44:00 and the block that contains it at 10:45:00. */
function acmeChanges(): string {
  const base = {
    eventVersion: '1.08',
    eventSource: 's3.amazonaws.com',
    eventType: 'AwsApiCall',
    awsRegion: 'us-east-1',
    recipientAccountId: '123456789012',
    userAgent: 'aws-cli/2.13.0',
  };
  return [
    {
      ...base,
      eventID: 'e2e-policy',
      eventTime: '2020-11-01T10:44:00Z',
      eventName: 'PutBucketPolicy',
      sourceIPAddress: '198.51.100.20',
      userIdentity: {
        type: 'IAMUser',
        arn: 'arn:aws:iam::123456789012:user/ops',
        accountId: '123456789012',
      },
      requestParameters: {
        bucketName: 'acme.customerdata-prod',
        bucketPolicy: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::acme.customerdata-prod/*',
            },
          ],
        },
      },
    },
    {
      ...base,
      eventID: 'e2e-block',
      eventTime: '2020-11-01T10:45:00Z',
      eventName: 'PutBucketPublicAccessBlock',
      sourceIPAddress: '198.51.100.21',
      userIdentity: {
        type: 'IAMUser',
        arn: 'arn:aws:iam::123456789012:user/responder',
        accountId: '123456789012',
      },
      requestParameters: {
        bucketName: 'acme.customerdata-prod',
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      },
    },
  ]
    .map((e) => JSON.stringify(e))
    .join('\n');
}

describe('the bucket exposure screen', () => {
  it('runs the analysis on ingested evidence and draws the windows, reads and containment', async () => {
    session = await openSession();
    const { page, caseDir } = session;
    const path = join(caseDir, 'public-bucket.cairn');
    const dir = freshDir();
    writeFileSync(
      join(dir, 'panther.ndjson'),
      pantherEvents(['S3 Made Publicly Accessible', 'Public Access Block Deleted Successfully']),
    );
    writeFileSync(join(dir, 'acme.ndjson'), acmeChanges());
    expect(
      (await cli(['case', 'create', path, '--title', 'Public bucket', '--tz', 'Europe/Berlin']))
        .code,
    ).toBe(0);
    const ingested = await cli([
      'ingest',
      path,
      join(dir, 'panther.ndjson'),
      join(dir, 'acme.ndjson'),
      join(DATA, 'panther-analysis/panther_test_scenario_attacker_s3_access.log'),
    ]);
    expect(ingested.code, ingested.stderr).toBe(0);

    await page.locator('input[name=openPath]').fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('case-head').getByRole('heading', { name: 'Public bucket' }).waitFor();
    await page.keyboard.press('Alt+4');
    const panel = page.getByTestId('findings-panel');
    const form = panel.getByTestId('bucket-form');

    // The real Panther event: a policy open to everyone since 2019-01-01, never closed.
    await form.locator('input[name=bucket]').fill('example-bucket');
    await form.getByRole('button', { name: 'Analyse' }).click();
    await panel
      .getByTestId('bucket-summary')
      .getByText(/still public at the last log record/)
      .waitFor();
    const chart = panel.getByTestId('bucket-chart');
    await expect(chart.getByTestId('chart-window').count()).resolves.toBe(1);
    await expect(chart.getByTestId('chart-open-end').count()).resolves.toBe(1);
    await expect(panel.getByTestId('bucket-windows').innerText()).resolves.toContain('still open');
    await screenshot(page, '10-bucket-open-window');

    // acme.customerdata-prod: public 10:44:00 → 10:45:00; one read (id-02.pdf, 10:44:10) inside it.
    await form.locator('input[name=bucket]').fill('acme.customerdata-prod');
    await form.getByRole('button', { name: 'Analyse' }).click();
    await panel
      .getByTestId('bucket-summary')
      .getByText(/The last window closed at 2020-11-01T10:45:00.000Z/)
      .waitFor();
    await expect(chart.getByTestId('chart-read').count()).resolves.toBe(1);
    await expect(chart.getByTestId('chart-containment').textContent()).resolves.toContain(
      'contained: PutBucketPublicAccessBlock',
    );
    await expect(chart.getByTestId('chart-read').locator('title').textContent()).resolves.toContain(
      'REST.GET.OBJECT id-02.pdf',
    );
    const windows = await panel.getByTestId('bucket-windows').locator('tbody tr').allInnerTexts();
    expect(windows).toHaveLength(1);
    expect(windows[0]).toContain('2020-11-01 10:44:00 UTC');
    expect(windows[0]).toContain('1 read(s) of 1 object(s)');
    await expect(panel.getByTestId('bucket-runs').locator('li').count()).resolves.toBe(2);
    await screenshot(page, '11-bucket-contained');

    // Panther's DeleteBucketPublicAccessBlock: possibly public from then (policy and ACL unseen).
    await form.locator('input[name=bucket]').fill('corporate-documents');
    await form.getByRole('button', { name: 'Analyse' }).click();
    await panel
      .getByTestId('bucket-state')
      .getByText('possibly public at the last log record')
      .waitFor();
    await expect(chart.getByTestId('chart-window').getAttribute('data-confidence')).resolves.toBe(
      'possible',
    );
    await screenshot(page, '12-bucket-possible');

    // Earlier runs are findings: the Integrity tab still verifies.
    await page.keyboard.press('Alt+7');
    await page.getByTestId('integrity').getByText('Intact.').waitFor();
  });
});
