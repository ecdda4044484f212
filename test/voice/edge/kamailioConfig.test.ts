// The rendered kamailio.cfg passes `kamailio -c` in every shape Doverie renders it, and settings that
// could break the file (or the edge) are refused before anything is rendered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKamailioConfig, telephonyBinaries } from '../../../src/voice/edge/edgeProcesses.js';
import { renderKamailioConfig } from '../../../src/voice/edge/kamailioConfig.js';
import { EdgeSettingsError, parseEdgeSettings, type EdgeSettingsInput } from '../../../src/voice/edge/settings.js';
import { selfSignedCertificate, type TestCertificate } from './testCertificate.js';

const base: EdgeSettingsInput = {
  runDir: '/tmp/doverie-edge-check',
  sipAddress: '127.0.0.1',
  realm: 'sip.doverie.example',
  rtpengine: { ngPort: 2223 },
  doverieUrl: 'http://127.0.0.1:3000/',
  edgeToken: 'edge-token-0123456789abcdef',
  callerKeySecret: '0123456789abcdef0123456789abcdef',
  ephemeralSecret: 'ephemeral/secret+0123456789==',
  trunkAddresses: ['10.20.30.40'],
  rpcAllowFrom: ['127.0.0.1'],
};

let cert: TestCertificate;

beforeAll(async () => {
  cert = await selfSignedCertificate('sip.doverie.example');
});

afterAll(async () => {
  await cert?.remove();
});

async function expectValid(settings: EdgeSettingsInput) {
  const text = renderKamailioConfig(settings);
  const check = await checkKamailioConfig(text);
  expect(check.output).toContain('config file ok');
  expect(check.ok).toBe(true);
  return text;
}

describe('kamailio.cfg', () => {
  it('passes kamailio -c with the defaults, which it renders', async () => {
    const text = await expectValid(base);
    expect(text).toContain('listen=udp:127.0.0.1:5060');
    expect(text).toContain('listen=tcp:127.0.0.1:8080');
    expect(text).toContain('modparam("tm", "max_inv_lifetime", 300000)');
    expect(text).toContain('modparam("dialog", "default_timeout", 14400)');
    expect(text).toContain('modparam("topos", "dialog_expire", 15000)');
    // topos keeps its state in a memory-only Redis on a private socket (sqlite refused concurrent writers)
    expect(text).toContain('modparam("ndb_redis", "server", "name=tps;unix=/tmp/doverie-edge-check/topos-redis.sock")');
    expect(text).toContain('modparam("topos", "storage", "redis")');
    expect(text).toContain('http_client_query("http://127.0.0.1:3000/api/voice/route"');
    // a desk phone's REGISTER (username without ':') is checked against the HA1 Doverie gives, flag 1
    expect(text).toContain('http_client_query("http://127.0.0.1:3000/api/voice/desk-auth"');
    expect(text).toContain('pv_www_authenticate("sip.doverie.example", "$var(ha1)", "1")');
    expect(text).toContain('Authorization: Bearer edge-token-0123456789abcdef');
    expect(text).not.toContain('tls.so');
  });

  it('passes kamailio -c with TLS (SIP over TLS and WSS on one port)', async () => {
    const text = await expectValid({
      ...base,
      tls: cert.tls(5061),
    });
    expect(text).toContain('listen=tls:127.0.0.1:5061');
    expect(text).toContain('loadmodule "tls.so"');
    expect(text).toContain(`modparam("tls", "certificate", "${cert.certFile}")`);
    // WebSocket handshakes and JSON-RPC are taken on the TLS port too
    expect(text).toContain('$Rp != 8080 && $Rp != 5061');
  });

  it('passes kamailio -c with several trunk addresses (IPv4 and IPv6) and RPC clients', async () => {
    const text = await expectValid({
      ...base,
      trunkAddresses: ['10.20.30.40', '10.20.30.41', '2001:db8::5'],
      rpcAllowFrom: ['127.0.0.1', '10.0.0.9'],
      maxInviteLifetimeSeconds: 180,
      dialogTimeoutSeconds: 7200,
    });
    expect(text).toContain('compare_ips("$si", "10.20.30.41")');
    expect(text).toContain('compare_ips("$si", "2001:db8::5")');
    expect(text).toContain('compare_ips("$si", "10.0.0.9")');
    expect(text).toContain('modparam("tm", "max_inv_lifetime", 180000)');
    expect(text).toContain('modparam("dialog", "default_timeout", 7200)');
  });

  it('kamailio -c catches a broken cfg (the check itself works)', async () => {
    const broken = renderKamailioConfig(base).replace('route[CALLER_KEY] {', 'route[CALLER_KEY] {\n\tno_such_function();');
    const check = await checkKamailioConfig(broken);
    expect(check.ok).toBe(false);
    expect(check.output).toMatch(/no_such_function|parse error/);
  });
});

describe('edge settings', () => {
  const refused = (patch: Record<string, unknown>, path: string) => {
    let error: unknown;
    try {
      renderKamailioConfig({ ...base, ...patch } as EdgeSettingsInput);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EdgeSettingsError);
    expect((error as EdgeSettingsError).issues.join('\n')).toContain(path);
  };

  it('fills the defaults', () => {
    const s = parseEdgeSettings(base);
    expect(s).toMatchObject({
      sipPort: 5060,
      wsPort: 8080,
      maxInviteLifetimeSeconds: 300,
      dialogTimeoutSeconds: 4 * 3600,
      toposExpireSeconds: 4 * 3600 + 600,
      doverieUrl: 'http://127.0.0.1:3000',
      kamailioBin: '/usr/sbin/kamailio',
      rtpengineBin: '/usr/bin/rtpengine',
      rtpengine: { ngPort: 2223, portMin: 30000, portMax: 30999, deleteDelaySeconds: 30 },
    });
  });

  it('refuses secrets that would break the cfg or are too short', () => {
    refused({ edgeToken: 'abc"def0123456789abcdef' }, 'edgeToken');
    refused({ callerKeySecret: 'secret$var(x)0123456789' }, 'callerKeySecret');
    refused({ ephemeralSecret: 'secret with spaces 0123456789' }, 'ephemeralSecret');
    refused({ edgeToken: 'line\nbreak0123456789abcdef' }, 'edgeToken');
    refused({ callerKeySecret: 'short' }, 'callerKeySecret');
  });

  it('refuses bad addresses, ports, URLs and paths', () => {
    refused({ sipAddress: 'sip.example.org' }, 'sipAddress');
    refused({ sipAddress: '0.0.0.0' }, 'sipAddress');
    refused({ trunkAddresses: ['10.0.0.1', '10.0.0.300'] }, 'trunkAddresses.1');
    refused({ trunkAddresses: [] }, 'trunkAddresses');
    refused({ rpcAllowFrom: ['localhost'] }, 'rpcAllowFrom.0');
    refused({ sipPort: 70000 }, 'sipPort');
    refused({ wsPort: 5060 }, 'wsPort');
    refused({ rtpengine: { ngPort: 30010 } }, 'rtpengine.ngPort');
    refused({ rtpengine: { ngPort: 2223, portMin: 30000, portMax: 30005 } }, 'rtpengine');
    refused({ doverieUrl: 'http://127.0.0.1:3000/"x' }, 'doverieUrl');
    refused({ doverieUrl: 'ftp://127.0.0.1/' }, 'doverieUrl');
    refused({ runDir: 'relative/run' }, 'runDir');
    refused({ runDir: '/tmp/with space' }, 'runDir');
    refused({ realm: 'bad realm"' }, 'realm');
    refused({ tls: { port: 5061, certFile: '/etc/cert.pem' } }, 'tls.keyFile');
  });

  it('refuses lifetimes out of range and a topos expiry shorter than a call may last', () => {
    refused({ maxInviteLifetimeSeconds: 5 }, 'maxInviteLifetimeSeconds');
    refused({ dialogTimeoutSeconds: 7200, toposExpireSeconds: 3600 }, 'toposExpireSeconds');
    refused({ unknownSetting: 1 }, '(settings)');
  });
});

describe('telephony binaries', () => {
  it('finds kamailio (with every module the cfg loads), rtpengine and redis-server here', async () => {
    const bins = await telephonyBinaries();
    expect(bins).toMatchObject({
      ok: true,
      kamailio: expect.stringMatching(/kamailio$/),
      rtpengine: expect.stringMatching(/rtpengine$/),
      redis: expect.stringMatching(/redis-server$/),
    });
  });

  it('says what is missing', async () => {
    expect(await telephonyBinaries({ kamailioBin: '/nonexistent/kamailio', searchPath: [] })).toEqual({
      ok: false,
      reason: expect.stringContaining('kamailio is not installed'),
    });
    expect(await telephonyBinaries({ rtpengineBin: '/nonexistent/rtpengine', kamailioBin: '/usr/sbin/kamailio', searchPath: [] })).toEqual({
      ok: false,
      reason: expect.stringContaining('rtpengine is not installed'),
    });
  });
});
