// kamailio.cfg: core parameters, modules and their parameters.
import { toposSocket } from '../toposStore.js';
import type { CfgValues } from './values.js';

/** Every module the cfg loads (tls.so too when TLS is configured). */
export const REQUIRED_MODULES = [
  'kex',
  'corex',
  'tm',
  'tmx',
  'sl',
  'rr',
  'pv',
  'maxfwd',
  'textops',
  'textopsx',
  'siputils',
  'xlog',
  'sanity',
  'ctl',
  'ipops',
  'usrloc',
  'registrar',
  'nathelper',
  'dialog',
  'uac',
  'auth',
  'auth_ephemeral',
  'crypto',
  'http_client',
  'jansson',
  'async',
  'mqueue',
  'rtimer',
  'xhttp',
  'websocket',
  'jsonrpcs',
  'ndb_redis',
  'topos',
  'topos_redis',
  'sdpops',
  'rtpengine',
] as const;

export function coreSection(v: CfgValues): string {
  const { s, host } = v;
  const tls = s.tls
    ? `enable_tls=yes
listen=tls:${host}:${s.tls.port}
`
    : '';
  return `#!KAMAILIO
# Rendered by Doverie (src/voice/edge/kamailioConfig.ts) at every start: edit the renderer, not this file.
# The caller's number never leaves this process: it is turned into a caller key at once, never logged,
# and removed (with every identity header) from what counsellors receive.

####### Core #######
debug=2
log_stderror=yes
memdbg=5
memlog=5
children=4
tcp_children=4
async_workers=4
auto_aliases=no
server_signature=no
sip_warning=0
listen=udp:${host}:${s.sipPort}
listen=tcp:${host}:${s.sipPort}
listen=tcp:${host}:${s.wsPort}
${tls}# Only the SIP ports are "myself": an alias without a port would make every port of the address ours, and
# a phone on the same host (another port) would then be taken for this proxy in loose routing.
alias="${s.realm}:${s.sipPort}"${s.tls ? `\nalias="${s.realm}:${s.tls.port}"` : ''}
tcp_accept_no_cl=yes
tcp_connection_lifetime=3605
dns=no
rev_dns=no

####### Modules #######
${REQUIRED_MODULES.map((m) => `loadmodule "${m}.so"`).join('\n')}
${s.tls ? 'loadmodule "tls.so"\n' : ''}
####### Module parameters #######
modparam("ctl", "binrpc", "unix:${s.runDir}/kamailio_ctl")
modparam("tm", "fr_timer", 5000)
modparam("tm", "fr_inv_timer", 30000)
modparam("tm", "max_inv_lifetime", ${s.maxInviteLifetimeSeconds * 1000})
# a counsellor's phone repeating 180 must not stretch its offer
modparam("tm", "restart_fr_on_each_reply", 0)
modparam("rr", "append_fromtag", 1)
modparam("usrloc", "db_mode", 0)
modparam("usrloc", "handle_lost_tcp", 1)
modparam("usrloc", "close_expired_tcp", 1)
modparam("registrar", "max_expires", 3600)
modparam("registrar", "min_expires", 10)
# expired registrations are noticed within 10 s (event "registered" with the count left)
modparam("usrloc", "timer_interval", 10)
modparam("nathelper|registrar", "received_avp", "$avp(RECEIVED)")
modparam("dialog", "default_timeout", ${s.dialogTimeoutSeconds})
modparam("dialog", "early_timeout", ${s.maxInviteLifetimeSeconds + 30})
modparam("dialog", "noack_timeout", 60)
modparam("dialog", "send_bye", 1)
# a transfer (POST /transfer): the REFER to the caller's side comes from this identity and asks for its
# NOTIFYs here (answered by the edge itself)
modparam("dialog", "bridge_controller", "sip:transfer@${s.realm}")
modparam("dialog", "bridge_contact", "sip:transfer@${host}:${s.sipPort}")
# the From the counsellor sees is restored toward the trunk from dialog variables (no reversible RR parameter)
modparam("uac", "restore_mode", "auto")
modparam("uac", "restore_dlg", 1)
modparam("auth_ephemeral", "secret", "${s.ephemeralSecret}")
modparam("http_client", "connection_timeout", 3)
modparam("http_client", "query_result", 0)
modparam("http_client", "keep_connections", 1)
modparam("jsonrpcs", "transport", 1)
modparam("jsonrpcs", "pretty_format", 0)
# events wait here for the sender; bounded: when full, the oldest is dropped
modparam("mqueue", "mqueue", "name=ev;size=10000")
# transactions whose branch failed, waiting for Doverie's next answer
modparam("mqueue", "mqueue", "name=ask;size=2000")
modparam("rtimer", "timer", "name=evsend;interval=200000u;mode=1;")
modparam("rtimer", "exec", "timer=evsend;route=EV_SEND")
# transfers Doverie asked for (POST /transfer), sent by their own timer process
modparam("mqueue", "mqueue", "name=xfer;size=1000")
modparam("rtimer", "timer", "name=xfer;interval=50000u;mode=1;")
modparam("rtimer", "exec", "timer=xfer;route=TRANSFER_SEND")
modparam("rtimer", "timer", "name=ask1;interval=20000u;mode=1;")
modparam("rtimer", "exec", "timer=ask1;route=ASK_NEXT")
modparam("rtimer", "timer", "name=ask2;interval=20000u;mode=1;")
modparam("rtimer", "exec", "timer=ask2;route=ASK_NEXT")
modparam("ndb_redis", "server", "name=tps;unix=${toposSocket(s.runDir)}")
modparam("topos", "storage", "redis")
modparam("topos_redis", "serverid", "tps")
modparam("topos", "branch_expire", ${s.maxInviteLifetimeSeconds + 60})
modparam("topos", "dialog_expire", ${s.toposExpireSeconds})
modparam("rtpengine", "rtpengine_sock", "udp:${host}:${s.rtpengine.ngPort}")
${
  s.tls
    ? `modparam("tls", "certificate", "${s.tls.certFile}")
modparam("tls", "private_key", "${s.tls.keyFile}")
modparam("tls", "tls_method", "TLSv1.2+")
modparam("tls", "verify_certificate", 0)
modparam("tls", "require_certificate", 0)
`
    : ''
}`;
}
