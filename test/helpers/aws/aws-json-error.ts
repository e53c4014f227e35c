// An error a local awsJson1_1 endpoint answers with: HTTP 400 and `{"__type", "message"}`, the
// shape the SDK turns into its typed exception classes (e.g. InvalidMaxResultsException).
export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}
