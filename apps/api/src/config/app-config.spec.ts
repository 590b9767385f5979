import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseEncryptionKeys } from './app-config.js';

const strong = {
  ENCRYPTION_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => 7 + i)).toString('base64'),
  JWT_SECRET: 'Zq8v-3kLw9xP2mN7rT5yU1iO4pA6sD0fG8hJ',
  VAPI_WEBHOOK_SECRET: 'vapi-Xy7Qw2Er9Ty4Ui8Op3As6Df1Gh5',
  DATABASE_URL: 'postgres://vd:pw@db:5432/voicedesk',
};

function tempDir() {
  return mkdtempSync(join(tmpdir(), 'vd-config-'));
}

describe('configuration', () => {
  it('generates missing secrets for a local run and reuses them on the next start', () => {
    const cwd = tempDir();
    const first = loadConfig({}, cwd);
    const file = join(cwd, '.data', 'secrets.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadConfig({}, cwd);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.encryptionKeys[0].key.equals(first.encryptionKeys[0].key)).toBe(true);
    expect(first.port).toBe(3000);
    expect(first.databaseUrl).toBeUndefined();
  });

  it.each(['ENCRYPTION_KEY', 'JWT_SECRET', 'VAPI_WEBHOOK_SECRET', 'DATABASE_URL'])(
    'refuses to boot in production without %s and names it',
    (name) => {
      const env: Record<string, string> = { ...strong, NODE_ENV: 'production' };
      delete env[name];
      expect(() => loadConfig(env, tempDir())).toThrowError(new RegExp(`^${name} is required`));
    },
  );

  it('names every missing production secret in one refusal, not only the first', () => {
    try {
      loadConfig({ NODE_ENV: 'production' }, tempDir());
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'ENCRYPTION_KEY is required when NODE_ENV=production',
        'JWT_SECRET is required when NODE_ENV=production',
        'VAPI_WEBHOOK_SECRET is required when NODE_ENV=production',
        'DATABASE_URL is required when NODE_ENV=production',
      ]);
    }
  });

  it('names each weak production secret in one refusal, never echoing a value', () => {
    const weak = {
      NODE_ENV: 'production',
      ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      JWT_SECRET: 'short-secret',
      VAPI_WEBHOOK_SECRET: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      DATABASE_URL: 'mysql://vd:pw@db/voicedesk',
    };
    try {
      loadConfig(weak, tempDir());
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems.map((p) => p.split(' ')[0])).toEqual(['ENCRYPTION_KEY', 'JWT_SECRET', 'VAPI_WEBHOOK_SECRET', 'DATABASE_URL']);
      for (const value of Object.values(weak).slice(1)) expect((error as Error).message).not.toContain(value);
    }
  });

  it('refuses a weak JWT secret in production, naming it but never echoing it', () => {
    const env = { ...strong, NODE_ENV: 'production', JWT_SECRET: 'short-secret' };
    try {
      loadConfig(env, tempDir());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('JWT_SECRET');
      expect((error as Error).message).not.toContain('short-secret');
    }
  });

  it('refuses an encryption key that is not 32 bytes', () => {
    const env = { ...strong, NODE_ENV: 'production', ENCRYPTION_KEY: Buffer.alloc(16, 3).toString('hex') };
    expect(() => loadConfig(env, tempDir())).toThrowError(/ENCRYPTION_KEY must be 32 bytes/);
  });

  it('accepts a rotation list where the first key encrypts and every key decrypts', () => {
    const a = Buffer.from(Array.from({ length: 32 }, (_, i) => i + 1)).toString('hex');
    const b = Buffer.from(Array.from({ length: 32 }, (_, i) => 200 - i)).toString('base64');
    const keys = parseEncryptionKeys(`k2:${a},k1:${b}`);
    expect(keys.map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(keys[1].key.length).toBe(32);
  });

  it('boots in production with strong secrets and does not write secrets to disk', () => {
    const cwd = tempDir();
    const config = loadConfig({ ...strong, NODE_ENV: 'production', PORT: '8080' }, cwd);
    expect(config.isProduction).toBe(true);
    expect(config.port).toBe(8080);
    expect(existsSync(join(cwd, '.data', 'secrets.json'))).toBe(false);
  });

  it('rejects a port that is not a number with a message naming PORT', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, tempDir())).toThrowError(/PORT must be an integer/);
  });

  it('backs up daily only when BACKUP_DIR is set, keeping 14 unless BACKUP_KEEP says otherwise', () => {
    const cwd = tempDir();
    expect(loadConfig({}, cwd).backup).toEqual({ dir: undefined, keep: 14 });
    expect(loadConfig({ BACKUP_DIR: 'backups', BACKUP_KEEP: '30' }, cwd).backup).toEqual({ dir: join(cwd, 'backups'), keep: 30 });
    expect(() => loadConfig({ BACKUP_KEEP: '0' }, cwd)).toThrowError(/BACKUP_KEEP must be an integer/);
  });

  it('opens the metrics only with a strong METRICS_TOKEN, naming a weak one without echoing it', () => {
    const cwd = tempDir();
    expect(loadConfig({}, cwd).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'mt-Xy7Qw2Er9Ty4Ui8Op3As6Df1' }, cwd).metricsToken).toBe('mt-Xy7Qw2Er9Ty4Ui8Op3As6Df1');
    expect(() => loadConfig({ METRICS_TOKEN: 'metrics' }, cwd)).toThrowError(/^METRICS_TOKEN must be at least 24 bytes long$/);
  });

  it('closes a stopping replica’s port at once unless SHUTDOWN_DRAIN_SECONDS asks for a drain period', () => {
    const cwd = tempDir();
    expect(loadConfig({}, cwd).shutdownDrainSeconds).toBe(0);
    expect(loadConfig({ SHUTDOWN_DRAIN_SECONDS: '10' }, cwd).shutdownDrainSeconds).toBe(10);
    expect(() => loadConfig({ SHUTDOWN_DRAIN_SECONDS: '-1' }, cwd)).toThrowError(/SHUTDOWN_DRAIN_SECONDS must be an integer/);
  });
});
