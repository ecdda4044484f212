// kamailio.cfg: a call to a helpline number. The caller's number becomes a caller key, the request
// is made anonymous, and Doverie is asked where it goes (attempt 1 in an async worker, later
// attempts after a failed branch in the "ask" timer processes); each branch rings a counsellor
// or the queue endpoint until its timeout, and a failed branch asks again.
import { callEventId, emit, type Field } from './events.js';
import { KEPT_HEADERS, MEDIA, type CfgValues } from './values.js';

export const MAX_ATTEMPTS = 200;

export function callSection(v: CfgValues): string {
  const { s } = v;
  const target: Field = ['string', 'target', '$avp(target)'];
  const attempt: Field = ['integer', 'attempt', '$avp(attempt)'];
  return `
####### Helpline calls #######
route[HELPLINE_IN] {
	if (!($ci =~ "^[!-~]{1,200}$")) { sl_send_reply("400", "Bad Call-ID"); exit; }
	route(CALLER_KEY);
	if ($rU == $null) $avp(to) = ""; else $avp(to) = $rU;
	# can the caller's side be transferred (a REFER from the edge)? Read before the headers are cut
	$avp(refer) = "0";
	if (is_present_hf("Allow") && $hdr(Allow) =~ "(^|[ ,])REFER([ ,]|$)") $avp(refer) = "1";
	$avp(attempt) = 1;
	$avp(target) = "";
	$avp(lasttarget) = "";
	$avp(lastcode) = 0;
	$avp(media) = 0;
	# anonymity: only routing headers survive (the rest goes now, with the SDP's identifying lines)
	keep_hf("${KEPT_HEADERS}");
	if (has_body("application/sdp")) route(CLEAN_SDP);
	else if (!msg_apply_changes()) { sl_send_reply("500", "Server Error"); exit; }
	dlg_manage();
	$dlg_var(target) = "";
	$dlg_var(refer) = $avp(refer);
	uac_replace_from("Anonymous", "sip:anonymous@anonymous.invalid");
	record_route();
${emit('\t', 'arrived', '$ci', callEventId('arrived'), [
  ['string', 'caller', '$avp(caller)'],
  ['string', 'to', '$avp(to)'],
])}
	# Doverie is asked from an async worker: SIP workers never wait on HTTP
	if (!async_task_route("ASK")) { sl_send_reply("500", "Server Error"); exit; }
	exit;
}

# caller key = base64url(HMAC-SHA256(secret, "phone:" + E.164)); empty when the From user is no number.
# Same normalisation as Doverie's normalisePhone(). The number is never logged.
route[CALLER_KEY] {
	$avp(caller) = "";
	if ($fU == $null) return;
	$var(u) = $(fU{s.select,0,;}{s.unescape.user});
	if (!($var(u) =~ "^[-0-9 ().+]+$")) return;
	$var(p) = $(var(u){re.subst,/[^0-9+]//g});
	$var(b) = $(var(p){re.subst,/[^0-9]//g});
	$var(n) = $(var(b){s.len});
	if ($var(n) >= 6 && $var(n) <= 15) {
		$var(e) = "+" + $var(b);
		if ($var(n) == 11 && $var(b) =~ "^[78]" && !($var(p) =~ "^[+]8")) $var(e) = "+7" + $(var(b){s.substr,1,0});
		else if ($var(n) == 10 && $var(b) =~ "^9") $var(e) = "+7" + $var(b);
		crypto_hmac_sha256("phone:$var(e)", "${s.callerKeySecret}", "$var(k)");
		$avp(caller) = $(var(k){re.subst,/=+$//});
	}
	$var(u) = ""; $var(p) = ""; $var(b) = ""; $var(e) = "";
}

# runs in an async worker (attempt 1) or in an "ask" timer process (later attempts, as a failure route)
route[ASK] {
	$var(again) = 1;
	while ($var(again) == 1) {
		$var(again) = 0;
		$var(body) = "{}";
		jansson_set("string", "callId", "$ci", "$var(body)");
		jansson_set("string", "caller", "$avp(caller)", "$var(body)");
		jansson_set("string", "to", "$avp(to)", "$var(body)");
		jansson_set("integer", "attempt", "$avp(attempt)", "$var(body)");
		jansson_set("string", "lastTarget", "$avp(lasttarget)", "$var(body)");
		jansson_set("integer", "lastCode", "$avp(lastcode)", "$var(body)");
		$var(res) = "";
		http_client_query("${v.routeUrl}", "$var(body)", "${v.httpHeaders}", "$var(res)");
		$var(rc) = $rc;
		# the caller may have hung up while Doverie was deciding
		if (t_is_canceled()) { route(ABANDONED); $var(fcode) = 487; $var(freason) = "Request Terminated"; route(FAIL_CALL); exit; }
		if ($var(rc) != 200) {
			xlog("L_ERR", "Doverie did not answer the route request of call $ci ($var(rc))\\n");
			$var(fcode) = 503; $var(freason) = "Service Unavailable"; route(FAIL_CALL);
			exit;
		}
		$var(action) = ""; $var(target) = ""; $var(timeout) = 0; $var(code) = 0; $var(reason) = "";
		jansson_get("action", "$var(res)", "$var(action)");
		if ($var(action) == "reject") {
			jansson_get("code", "$var(res)", "$var(code)");
			jansson_get("reason", "$var(res)", "$var(reason)");
			if (!($var(code) >= 400 && $var(code) <= 699)) $var(code) = 480;
			if (!($var(reason) =~ "^[ -~]{1,100}$")) $var(reason) = "Unavailable";
			$var(fcode) = $var(code); $var(freason) = $var(reason); route(FAIL_CALL);
			exit;
		}
		jansson_get("target", "$var(res)", "$var(target)");
		jansson_get("timeout", "$var(res)", "$var(timeout)");
		if (!($var(timeout) >= 1 && $var(timeout) <= ${s.maxInviteLifetimeSeconds})) $var(action) = "";
		if ($var(action) == "route" && $var(target) =~ "^[A-Za-z0-9._~-]{1,64}$") {
			$ru = "sip:" + $var(target) + "@${s.realm}";
			$du = $null;
			if (lookup("location")) { route(OFFER); exit; }
			# not registered (any more): Doverie decides what next
			$avp(target) = $var(target);
${emit('\t\t\t', 'offer_failed', '$ci', callEventId('offer_failed', '$avp(attempt)'), [target, attempt, ['integer', 'code', '480']])}
			$avp(lasttarget) = $var(target);
			$avp(lastcode) = 480;
			$avp(attempt) = $avp(attempt) + 1;
			if ($avp(attempt) > ${MAX_ATTEMPTS}) { $var(fcode) = 480; $var(freason) = "Temporarily Unavailable"; route(FAIL_CALL); exit; }
			$var(again) = 1;
		} else if ($var(action) == "queue" && $var(target) =~ "^sips?:[^ <>\\"]{1,200}$") {
			$ru = $var(target);
			$du = $null;
			route(OFFER);
			exit;
		} else {
			xlog("L_ERR", "Doverie's answer for call $ci is not usable\\n");
			$var(fcode) = 503; $var(freason) = "Service Unavailable"; route(FAIL_CALL);
			exit;
		}
	}
}

route[OFFER] {
	$avp(target) = $var(target);
	if ($var(action) == "route") {
		$dlg_var(target) = $var(target);
${emit('\t\t', 'routed', '$ci', callEventId('routed', '$avp(attempt)'), [target, attempt])}
	} else {
${emit('\t\t', 'queued', '$ci', callEventId('queued', '$avp(attempt)'), [target, attempt])}
	}
	# both timers: a branch that never sends a 1xx fails after the same timeout
	t_set_fr($var(timeout) * 1000, $var(timeout) * 1000);
	t_on_branch("BRANCH_OUT");
	t_on_reply("BRANCH_REPLY");
	t_on_failure("BRANCH_FAILED");
	if (!t_relay()) {
		xlog("L_ERR", "call $ci: relaying to the target failed\\n");
		$var(fcode) = 500; $var(freason) = "Server Error"; route(FAIL_CALL);
	}
	exit;
}

# per branch: a browser (WebSocket contact) gets WebRTC media, anything else plain RTP
branch_route[BRANCH_OUT] {
	if (!has_body("application/sdp")) return;
	$avp(media) = 1;
	if ($du =~ "transport=ws" || $ru =~ "transport=ws") {
		$dlg_var(cws) = "1";
		rtpengine_offer("${MEDIA.browserOffer}");
	} else {
		$dlg_var(cws) = "0";
		rtpengine_offer("${MEDIA.plain}");
	}
}

onreply_route[BRANCH_REPLY] {
	if (proto == WS || proto == WSS) add_contact_alias();
	if (status =~ "^18[0-9]$") {
${emit('\t\t', 'ringing', '$ci', callEventId('ringing', '$avp(attempt)'), [target, attempt])}
	}
	# the answer goes to the trunk: plain RTP
	if (has_body("application/sdp")) rtpengine_answer("${MEDIA.plain}");
}

failure_route[BRANCH_FAILED] {
	if (t_is_canceled()) { route(ABANDONED); exit; }
	$var(code) = $T_reply_code;
${emit('\t', 'offer_failed', '$ci', callEventId('offer_failed', '$avp(attempt)'), [target, attempt, ['integer', 'code', '$var(code)']])}
	$avp(lasttarget) = $avp(target);
	$avp(lastcode) = $var(code);
	$avp(attempt) = $avp(attempt) + 1;
	if ($avp(attempt) > ${MAX_ATTEMPTS}) { $var(fcode) = 480; $var(freason) = "Temporarily Unavailable"; route(FAIL_CALL); exit; }
	# ask again without blocking this process: the transaction waits, an "ask" timer process resumes it
	if (!t_suspend()) { $var(fcode) = 500; $var(freason) = "Server Error"; route(FAIL_CALL); exit; }
	if (!mq_add("ask", "$T(id_index)", "$T(id_label)")) { xlog("L_ERR", "call $ci: ask queue full\\n"); }
	exit;
}

route[ASK_NEXT] {
	while (mq_fetch("ask")) {
		$var(ti) = $(mqk(ask){s.int});
		$var(tl) = $(mqv(ask){s.int});
		t_continue("$var(ti)", "$var(tl)", "ASK");
	}
}

# the caller hung up before an answer (tm answers 487 when a branch was ringing)
route[ABANDONED] {
${emit('\t', 'abandoned', '$ci', callEventId('abandoned', '$avp(attempt)'), [target, attempt])}
	$dlg_var(fcode) = "487";
	if ($avp(media) == 1) rtpengine_delete();
}

# the call ends without an answer ($var(fcode) $var(freason)): remember the code for the "failed" event,
# free the media, answer the caller
route[FAIL_CALL] {
	$dlg_var(fcode) = $var(fcode);
	if ($avp(media) == 1) rtpengine_delete();
	t_reply("$var(fcode)", "$var(freason)");
}
`;
}
