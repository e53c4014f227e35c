// The small slice of IAM a containment test needs: users, their access keys with status, inline
// user and role policies. The test seeds it; the IAM endpoint reads and changes it; the test reads
// it back to check what a caller really did.

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface IamAccessKeySeed {
  accessKeyId: string;
  status?: AccessKeyStatus;
  /** ISO 8601; default 2024-01-01T00:00:00Z. */
  createDate?: string;
  lastUsed?: { date: string; serviceName: string; region: string };
}

export interface IamUserSeed {
  userName: string;
  /** Default: AIDA + a padded counter. */
  userId?: string;
  path?: string;
  createDate?: string;
  accessKeys?: IamAccessKeySeed[];
  /** Inline policies by name (JSON text or an object). */
  policies?: Record<string, string | object>;
}

export interface IamRoleSeed {
  roleName: string;
  path?: string;
  policies?: Record<string, string | object>;
}

export interface IamSeed {
  /** Default 123456789012. */
  accountId?: string;
  users?: IamUserSeed[];
  roles?: IamRoleSeed[];
}

export interface IamUser {
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createDate: string;
  /** Inline policy documents by name, as JSON text exactly as stored. */
  policies: Map<string, string>;
}

export interface IamAccessKey {
  accessKeyId: string;
  userName: string;
  status: AccessKeyStatus;
  createDate: string;
  lastUsed: { date: string; serviceName: string; region: string } | undefined;
}

export interface IamRole {
  roleName: string;
  arn: string;
  policies: Map<string, string>;
}

export class IamState {
  readonly accountId: string;
  readonly users = new Map<string, IamUser>();
  readonly keys = new Map<string, IamAccessKey>();
  readonly roles = new Map<string, IamRole>();

  constructor(seed: IamSeed = {}) {
    this.accountId = seed.accountId ?? '123456789012';
    (seed.users ?? []).forEach((u, i) => this.addUser(u, i));
    for (const r of seed.roles ?? []) {
      const path = r.path ?? '/';
      this.roles.set(r.roleName, {
        roleName: r.roleName,
        arn: `arn:aws:iam::${this.accountId}:role${path}${r.roleName}`,
        policies: policyMap(r.policies),
      });
    }
  }

  private addUser(u: IamUserSeed, index: number): void {
    if (this.users.has(u.userName)) throw new Error(`IAM seed: user ${u.userName} twice`);
    const path = u.path ?? '/';
    this.users.set(u.userName, {
      userName: u.userName,
      userId: u.userId ?? `AIDA${String(index + 1).padStart(17, '0')}`,
      path,
      arn: `arn:aws:iam::${this.accountId}:user${path}${u.userName}`,
      createDate: u.createDate ?? '2024-01-01T00:00:00Z',
      policies: policyMap(u.policies),
    });
    for (const k of u.accessKeys ?? []) {
      if (this.keys.has(k.accessKeyId)) throw new Error(`IAM seed: key ${k.accessKeyId} twice`);
      this.keys.set(k.accessKeyId, {
        accessKeyId: k.accessKeyId,
        userName: u.userName,
        status: k.status ?? 'Active',
        createDate: k.createDate ?? '2024-01-01T00:00:00Z',
        lastUsed: k.lastUsed,
      });
    }
  }

  keysOf(userName: string): IamAccessKey[] {
    return [...this.keys.values()].filter((k) => k.userName === userName);
  }
}

function policyMap(policies: Record<string, string | object> | undefined): Map<string, string> {
  return new Map(
    Object.entries(policies ?? {}).map(([name, doc]) => [
      name,
      typeof doc === 'string' ? doc : JSON.stringify(doc),
    ]),
  );
}
