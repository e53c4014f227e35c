// The SDK's standard credential chain reads AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY: containment
// uses that chain (it takes AwsOptions, not credentials), so tests set the local endpoints' test
// key there and put the environment back afterwards.
import { afterEach, beforeEach } from 'vitest';
import { TEST_CREDENTIALS } from '../../helpers/aws/client-config';

const NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'];

export function useTestCredentials(): { remove(): void } {
  const saved = new Map<string, string | undefined>();
  beforeEach(() => {
    for (const name of NAMES) saved.set(name, process.env[name]);
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
  });
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  return {
    /** For a test of "no credentials at all". */
    remove() {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    },
  };
}
