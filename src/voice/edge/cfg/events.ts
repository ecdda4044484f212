// kamailio.cfg: call and registration events. SIP processes only queue them (mqueue); one timer
// process posts them to Doverie and puts an event back on the queue when the post fails, so a
// Doverie restart loses nothing and never slows a call down. Bodies are built with jansson_set:
// every value is JSON-encoded, whatever it holds.
import type { CfgValues } from './values.js';

export type Field = readonly [type: 'string' | 'integer', key: string, value: string];

/** The contract's call event id as a cfg expression: `<callId>:<event>` or `<callId>:<event>:<attempt>`. */
export const callEventId = (event: string, attempt?: string) =>
  attempt === undefined ? `$var(cid) + ":${event}"` : `$var(cid) + ":${event}:" + ${attempt}`;

/** Cfg lines that queue one event; `callId` and `id` are cfg expressions (the id may use $var(cid)). */
export function emit(indent: string, event: string, callId: string, id: string, fields: readonly Field[]): string {
  return [
    `$var(cid) = ${callId};`,
    `$var(j) = "{}";`,
    ...fields.map(([type, key, value]) => `jansson_set("${type}", "${key}", "${value}", "$var(j)");`),
    `$var(ev) = "${event}";`,
    `$var(evid) = ${id};`,
    `route(EMIT);`,
  ]
    .map((l) => indent + l)
    .join('\n');
}

export function eventSection(v: CfgValues): string {
  return `
####### Events #######
# $var(ms): unix time in ms, as digits (cfg integers are 32-bit): "<seconds>" + the first 3 of "<microseconds>"
route[NOW_MS] {
	$var(tv) = $TV(Sn);
	$var(us) = $(var(tv){s.select,1,.});
	while ($(var(us){s.len}) < 6) $var(us) = "0" + $var(us);
	$var(ms) = $(var(tv){s.select,0,.}) + $(var(us){s.substr,0,3});
}

# $var(j) holds the event's extras; adds id, event, callId and ts (unix ms), then queues it
route[EMIT] {
	route(NOW_MS);
	$var(ts) = $var(ms);
	jansson_set("string", "id", "$var(evid)", "$var(j)");
	jansson_set("string", "event", "$var(ev)", "$var(j)");
	jansson_set("string", "callId", "$var(cid)", "$var(j)");
	jansson_set("integer", "ts", "$var(ts)", "$var(j)");
	if (!mq_add("ev", "$var(evid)", "$var(j)")) xlog("L_ERR", "event queue: $var(ev) not queued\\n");
}

# the sender (rtimer process): a failed post goes back on the queue and waits for the next tick
route[EV_SEND] {
	$var(sent) = 0;
	while ($var(sent) < 200 && mq_fetch("ev")) {
		$var(k) = $mqk(ev);
		$var(v) = $mqv(ev);
		$var(r) = "";
		http_client_query("${v.eventsUrl}", "$var(v)", "${v.httpHeaders}", "$var(r)");
		if ($rc == 200) {
			$var(sent) = $var(sent) + 1;
		} else {
			mq_add("ev", "$var(k)", "$var(v)");
			$var(sent) = 200;
		}
	}
}

route[REGISTERED_EVENT] {
	$var(n) = 0;
	if (reg_fetch_contacts("location", "$tu", "r")) $var(n) = $ulc(r=>count);
	route(NOW_MS);
	$var(regts) = $var(ms);
	$var(user) = $tU;
${emit('\t', 'registered', '""', '"reg:" + $var(user) + ":" + $var(regts)', [
  ['string', 'user', '$var(user)'],
  ['integer', 'contacts', '$var(n)'],
])}
}

# a registration that ran out (a browser closed without unregistering): the count left, often 0
event_route[usrloc:contact-expired] {
	$var(user) = $ulc(exp=>aor);
	$var(n) = 0;
	# the expiring contact is still in the record: count the others that have not expired
	if (reg_fetch_contacts("location", "sip:$var(user)@${v.s.realm}", "r")) {
		$var(i) = 0;
		while ($var(i) < $ulc(r=>count)) {
			if ($(ulc(r=>expires)[$var(i)]) > $TS) $var(n) = $var(n) + 1;
			$var(i) = $var(i) + 1;
		}
	}
	route(NOW_MS);
	$var(regts) = $var(ms);
${emit('	', 'registered', '""', '"reg:" + $var(user) + ":" + $var(regts)', [
  ['string', 'user', '$var(user)'],
  ['integer', 'contacts', '$var(n)'],
])}
}

event_route[dialog:start] {
${emit('\t', 'answered', '$dlg(callid)', callEventId('answered'), [['string', 'target', '$dlg_var(target)']])}
}

event_route[dialog:end] {
	# a BYE passing through says who hung up (and deleted the media); otherwise the edge ended the call
	# (dialog timeout, dlg.end_dlg) with BYEs of its own, and the media goes here
	$var(by) = "system";
	if ($rm == "BYE" && $mt == 1) {
		if ($ft == $dlg(from_tag)) $var(by) = "caller"; else $var(by) = "counsellor";
	} else {
		rtpengine_delete("call-id=$dlg(callid) from-tag=$dlg(from_tag)");
	}
	$var(life) = 0;
	if ($dlg(start_ts) != $null && $dlg(start_ts) > 0) $var(life) = $TS - $dlg(start_ts);
${emit('\t', 'ended', '$dlg(callid)', callEventId('ended'), [
  ['string', 'target', '$dlg_var(target)'],
  ['string', 'by', '$var(by)'],
  ['integer', 'talkSeconds', '$var(life)'],
])}
}

event_route[dialog:failed] {
	$var(code) = 0;
	if ($dlg_var(fcode) != $null) $var(code) = $(dlg_var(fcode){s.int});
${emit('\t', 'failed', '$dlg(callid)', callEventId('failed'), [['integer', 'code', '$var(code)']])}
}
`;
}
