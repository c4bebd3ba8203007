import { describe, expect, it } from 'vitest';
import {
  type AllowedTargets,
  classifyHost,
  NO_ALLOWED_TARGETS,
  parseAllowedTargets,
} from '../../src/domain/network-targets.js';
import { webhookTargetProblems } from '../../src/domain/validation.js';
import { act, makeCampaign, step } from './model-builders.js';

const allowing = (hosts: string) => parseAllowedTargets(hosts).targets as AllowedTargets;

describe('classifyHost', () => {
  it.each([
    ['169.254.169.254', 'link-local'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['0x7F000001', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['127.1', 'loopback'],
    ['127.0.0.1.', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'reserved'],
    ['[::1]', 'loopback'],
    ['::1', 'loopback'],
    ['[::]', 'unspecified'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['[::ffff:169.254.169.254]', 'link-local'],
    ['[64:ff9b::10.0.0.1]', 'private'],
    ['[fe80::1]', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['[fd00::1]', 'unique-local'],
    ['[fc00::1]', 'unique-local'],
    ['[ff02::1]', 'multicast'],
    ['[2001:db8::1]', 'documentation'],
    ['[::127.0.0.1]', 'reserved'],
    ['localhost', 'loopback'],
    ['LOCALHOST.', 'loopback'],
    ['api.localhost', 'loopback'],
    ['ip6-localhost', 'loopback'],
    ['8.8.8.8', 'public'],
    ['93.184.215.14', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['[2606:4700:4700::1111]', 'public'],
    ['[::ffff:8.8.8.8]', 'public'],
    ['example.com', 'name'],
    ['10.0.0.1.example.com', 'name'],
  ])('%s is %s', (host, kind) => {
    expect(classifyHost(host)).toBe(kind);
  });
});

describe('parseAllowedTargets', () => {
  it('reads host names and CIDR networks, a bare address as a network of one', () => {
    expect(parseAllowedTargets(' Hooks.Internal. , 10.0.0.0/8, fd00::/8, 127.0.0.1,')).toEqual({
      targets: {
        names: ['hooks.internal'],
        networks: [
          { family: 4, base: 0x0a000000n, prefixLength: 8 },
          { family: 6, base: 0xfdn << 120n, prefixLength: 8 },
          { family: 4, base: 0x7f000001n, prefixLength: 32 },
        ],
      },
      invalidEntry: null,
    });
  });

  it.each([
    ['10.0.0.0/33', 1],
    ['hooks.test, 10.0.0.0/x', 2],
    ['a, b, hooks.test:8080', 3],
    ['hooks.test/8', 1],
    ['::1/129', 1],
    ['http://hooks.test', 1],
    ['bad host', 1],
  ])('refuses %s at entry %i', (text, entry) => {
    expect(parseAllowedTargets(text)).toEqual({ targets: null, invalidEntry: entry });
  });
});

describe('webhookTargetProblems', () => {
  const problemsFor = (url: string, allowed: AllowedTargets = NO_ALLOWED_TARGETS) =>
    webhookTargetProblems(makeCampaign('c', { flow: [step(act.wait(1)), step(act.webhook(url))] }), allowed);

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://10.0.0.1/', 'private'],
    ['http://2130706433/', 'loopback'],
    ['http://localhost:5432/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['https://127.1:8443/{{lead.id}}', 'loopback'],
  ])('%s is refused as a %s target', (url, kind) => {
    expect(problemsFor(url)).toEqual([
      {
        code: 'WEBHOOK_TARGET_NOT_ALLOWED',
        message: expect.stringContaining(`is a ${kind} address`),
        campaignId: 'c',
        stepPosition: 2,
      },
    ]);
  });

  it('refuses a scheme other than http and https', () => {
    expect(problemsFor('ftp://example.com/x')).toMatchObject([{ code: 'WEBHOOK_TARGET_NOT_ALLOWED' }]);
  });

  it.each([
    'https://hooks.example.com/in',
    'http://8.8.8.8/',
    'http://[2606:4700:4700::1111]/',
    'https://{{my.host}}/in',
    'http://10.0.0.{{lead.n}}/',
    'http://localhost{{my.suffix}}/',
    'http://{{lead.email}}@10.1.2.3/x',
    '{{my.webhookUrl}}',
    'http://bad host/',
  ])('%s is not refused before it is called', (url) => {
    expect(problemsFor(url)).toEqual([]);
  });

  it('allows what the operator lists, by network or by name', () => {
    expect(problemsFor('http://10.1.2.3/', allowing('10.0.0.0/8'))).toEqual([]);
    expect(problemsFor('http://[::ffff:10.1.2.3]/', allowing('10.0.0.0/8'))).toEqual([]);
    expect(problemsFor('http://localhost:8080/', allowing('localhost'))).toEqual([]);
    expect(problemsFor('http://11.0.0.1/', allowing('10.0.0.0/8'))).toEqual([]);
    expect(problemsFor('http://192.168.0.1/', allowing('10.0.0.0/8, localhost'))).toHaveLength(1);
    expect(problemsFor('http://localhost/', allowing('127.0.0.0/8'))).toHaveLength(1);
  });
});
