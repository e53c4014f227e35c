import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file runs in its own process: native SQLite handles and env changes stay local.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests never read the user's AWS settings or talk to real AWS.
    env: {
      AWS_CONFIG_FILE: '/nonexistent/cairn-test-aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/cairn-test-aws-credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      CAIRN_ACTOR: 'test-responder',
    },
  },
});
