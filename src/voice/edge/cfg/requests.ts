// kamailio.cfg: the main request route, in-dialog requests, registration and the HTTP side
// (WebSocket handshake, JSON-RPC).
import { KEPT_HEADERS, MEDIA, type CfgValues } from './values.js';

export function requestSection(v: CfgValues): string {
  const { s } = v;
  const httpPorts = s.tls ? `$Rp != ${s.wsPort} && $Rp != ${s.tls.port}` : `$Rp != ${s.wsPort}`;
  return `
####### Flags #######
# FLT_FROM_CALLER: an in-dialog request sent by the caller (trunk side)
#!define FLT_FROM_CALLER 1

####### Requests #######
request_route {
	if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
	if (!sanity_check("17895", "7")) { xlog("L_WARN", "malformed SIP request from $si\\n"); exit; }

	if (proto == WS || proto == WSS) {
		# a browser (never the trunk, which does not use WebSocket), even behind the trunk's own address:
		# its Contact (…invalid) is unreachable, so it is reached over its connection
		force_rport();
		if (is_method("REGISTER")) fix_nated_register();
	} else if (!(${v.fromTrunk})) {
		# counsellors' desk phones, often behind NAT
		force_rport();
		if (is_method("REGISTER") && nat_uac_test("19")) fix_nated_register();
	}

	if (is_method("CANCEL")) {
		if (t_check_trans()) t_relay();
		exit;
	}
	if (has_totag()) { route(WITHINDLG); exit; }
	if (is_method("ACK")) {
		if (t_check_trans()) t_relay();
		exit;
	}
	t_check_trans();
	remove_hf("Route");

	if (is_method("REGISTER")) { route(REGISTRAR); exit; }
	if (is_method("OPTIONS")) { sl_send_reply("200", "OK"); exit; }
	if (is_method("INVITE")) {
		# only the operator's trunk calls the helpline numbers; nobody calls counsellors directly
		if (!(${v.fromTrunk})) { sl_send_reply("403", "Forbidden"); exit; }
		route(HELPLINE_IN);
		exit;
	}
	sl_send_reply("405", "Method Not Allowed");
	exit;
}

route[WITHINDLG] {
	# the progress of a transfer the edge asked for (route TRANSFER): noted, nothing to forward
	if (is_method("NOTIFY") && $rU == "transfer" && (${v.fromTrunk})) { sl_send_reply("200", "OK"); exit; }
	if ((${v.fromTrunk}) && has_body("application/sdp")) route(CLEAN_SDP);
	if (!loose_route()) {
		if (is_method("ACK") && t_check_trans()) t_relay();
		else if (!is_method("ACK")) sl_send_reply("404", "Not here");
		exit;
	}
	if (!isdsturiset()) handle_ruri_alias();
	if ($dlg(from_tag) != $null && $ft == $dlg(from_tag)) {
		setflag(FLT_FROM_CALLER);
		keep_hf("${KEPT_HEADERS}");
	}
	if (is_method("BYE")) {
		rtpengine_delete();
	} else if (is_method("INVITE|UPDATE|ACK") && has_body("application/sdp")) {
		if (is_method("ACK")) route(MEDIA_ANSWER_IN_DIALOG);
		else route(MEDIA_OFFER_IN_DIALOG);
	}
	if (is_method("INVITE|UPDATE")) t_on_reply("IN_DIALOG_REPLY");
	if (!t_relay()) sl_reply_error();
	exit;
}

# the trunk's SDP loses a=ssrc (its RTCP CNAME may name the caller), a=tool and the session name (they name
# the trunk's equipment; some gateways put other text there) and the o= user (some gateways put the
# number there; rtpengine keeps it); applied at once, because rtpengine rewrites the original body
route[CLEAN_SDP] {
	sdp_remove_line_by_prefix("a=ssrc");
	sdp_remove_line_by_prefix("a=tool");
	subst_body("/\\no=[^ ]* /\\no=- /");
	subst_body("/\\ns=[^\\r\\n]*/\\ns=-/");
	if (!msg_apply_changes()) { sl_send_reply("500", "Server Error"); exit; }
}

# the flags describe the side that receives the SDP
route[MEDIA_OFFER_IN_DIALOG] {
	if (!isflagset(FLT_FROM_CALLER)) rtpengine_offer("${MEDIA.plain}");
	else if ($dlg_var(cws) == "1") rtpengine_offer("${MEDIA.browserOffer}");
	else rtpengine_offer("${MEDIA.plain}");
}

route[MEDIA_ANSWER_IN_DIALOG] {
	if (!isflagset(FLT_FROM_CALLER)) rtpengine_answer("${MEDIA.plain}");
	else if ($dlg_var(cws) == "1") rtpengine_answer("${MEDIA.browserAnswer}");
	else rtpengine_answer("${MEDIA.plain}");
}

# every reply from the trunk answers the counsellor's side (or the edge itself): only routing headers stay,
# its SDP is cleaned, and the To (which the trunk echoes with the caller's own URI) becomes Anonymous
reply_route {
	if (!(${v.fromTrunk})) return;
	keep_hf("${KEPT_HEADERS}");
	if ($tt != $null) {
		$var(rtag) = $tt;
		remove_hf("To");
		append_hf("To: Anonymous <sip:anonymous@anonymous.invalid>;tag=$var(rtag)\\r\\n");
	}
	if (has_body("application/sdp")) {
		sdp_remove_line_by_prefix("a=ssrc");
		subst_body("/\\no=[^ ]* /\\no=- /");
	}
	if (!msg_apply_changes()) drop;
}

onreply_route[IN_DIALOG_REPLY] {
	if (proto == WS || proto == WSS) add_contact_alias();
	if (!has_body("application/sdp")) return;
	if (isflagset(FLT_FROM_CALLER)) rtpengine_answer("${MEDIA.plain}");
	else if ($dlg_var(cws) == "1") rtpengine_answer("${MEDIA.browserAnswer}");
	else rtpengine_answer("${MEDIA.plain}");
}

# requests the edge makes itself: the dialog module's BYE (dlg.end_dlg, dialog timeout) carries the caller's
# original From; toward anyone but the trunk it becomes Anonymous (the tag, which identifies the dialog, stays)
event_route[tm:local-request] {
	if (!is_method("BYE|OPTIONS|UPDATE|INFO")) return;
	if (${v.fromTrunk.replaceAll('$si', '$rd')}) return;
	$var(ltag) = $ft;
	remove_hf("From");
	append_hf("From: Anonymous <sip:anonymous@anonymous.invalid>;tag=$var(ltag)\\r\\n");
}

# counsellors' phones. The workstation's softphone: username "<unix expiry>:<sip user>", password
# base64(HMAC-SHA1(secret, username)). A desk phone: username = its sip user (no ':'), long-lived password
# that only Doverie knows the HA1 of (route DESK_REGISTER).
route[REGISTRAR] {
	if ($aU != $null && !($aU =~ ":")) { route(DESK_REGISTER); exit; }
	if (!autheph_www("${s.realm}")) {
		# no credentials or a stale nonce: challenge; anything else (wrong, expired): refuse
		if ($rc == -5 || $rc == -4 || $rc == -6) { auth_challenge("${s.realm}", "1"); exit; }
		sl_send_reply("403", "Forbidden");
		exit;
	}
	if (!autheph_check_to()) { sl_send_reply("403", "Forbidden"); exit; }
	consume_credentials();
	if (!save("location")) { sl_reply_error(); exit; }
	route(REGISTERED_EVENT);
	exit;
}

# a desk phone registers only its own counsellor's AOR (as autheph_check_to does for the softphone);
# Doverie is asked for the HA1 from an async worker (SIP workers never wait on HTTP)
route[DESK_REGISTER] {
	if (!($aU =~ "^c[0-9a-f]{32}$") || $tU != $aU) { sl_send_reply("403", "Forbidden"); exit; }
	if (!async_task_route("DESK_AUTH")) { sl_send_reply("503", "Service Unavailable"); exit; }
	exit;
}

route[DESK_AUTH] {
	$var(body) = "{}";
	jansson_set("string", "user", "$aU", "$var(body)");
	$var(res) = "";
	http_client_query("${v.deskAuthUrl}", "$var(body)", "${v.httpHeaders}", "$var(res)");
	$var(rc) = $rc;
	if ($var(rc) != 200) {
		xlog("L_ERR", "Doverie did not answer the desk phone check ($var(rc))\n");
		t_reply("503", "Service Unavailable");
		exit;
	}
	# null (unknown, revoked, disabled) is no HA1: refused
	$var(ha1) = "";
	jansson_get("ha1", "$var(res)", "$var(ha1)");
	if (!($var(ha1) =~ "^[0-9a-f]{32}$")) { t_reply("403", "Forbidden"); exit; }
	# flag 1: the password given is HA1
	if (!pv_www_authenticate("${s.realm}", "$var(ha1)", "1")) {
		$var(arc) = $rc;
		$var(ha1) = "";
		# a stale or reused nonce: challenge again; a wrong password: refuse
		if ($var(arc) == -4 || $var(arc) == -6) { auth_challenge("${s.realm}", "1"); exit; }
		t_reply("403", "Forbidden");
		exit;
	}
	$var(ha1) = "";
	consume_credentials();
	if (!save("location")) { sl_reply_error(); exit; }
	route(REGISTERED_EVENT);
}

# Doverie moves an answered call to another counsellor: the caller's side gets a REFER to the edge's
# transfer URI (then the dialog module's BYE), the counsellor's side a BYE; the caller's side calls again
# and Doverie routes that call. Only for a caller whose INVITE allowed REFER (Doverie checks $dlg_var(refer)
# in dlg.list before asking). Body: {"callId","fromTag","toTag","referTo"}. The HTTP worker only checks and
# queues it (its reply is lost once it has touched a dialog); the "xfer" timer process does the SIP side.
route[TRANSFER] {
	route(TRANSFER_READ);
	if ($var(bad) == 1) { xhttp_reply("400", "Bad Request", "text/plain", "bad request"); exit; }
	if (!mq_add("xfer", "$var(ci)", "$rb")) { xhttp_reply("503", "Service Unavailable", "text/plain", "busy"); exit; }
	xhttp_reply("202", "Accepted", "text/plain", "transferring");
}

# the request's body → $var(ci), $var(ft), $var(tt), $var(rt); $var(bad) = 1 unless all are well-formed
route[TRANSFER_READ] {
	$var(ci) = ""; $var(ft) = ""; $var(tt) = ""; $var(rt) = "";
	jansson_get("callId", "$rb", "$var(ci)");
	jansson_get("fromTag", "$rb", "$var(ft)");
	jansson_get("toTag", "$rb", "$var(tt)");
	jansson_get("referTo", "$rb", "$var(rt)");
	$var(bad) = 0;
	if (!($var(rt) =~ "^sip:xfer-[A-Za-z0-9_-]{8,120}@[^ <>;]{1,100}$") || !($var(ci) =~ "^[!-~]{1,200}$")
			|| !($var(ft) =~ "^[!-~]{1,200}$") || !($var(tt) =~ "^[!-~]{1,200}$")) $var(bad) = 1;
}

route[TRANSFER_SEND] {
	while (mq_fetch("xfer")) {
		$var(ci) = ""; $var(ft) = ""; $var(tt) = ""; $var(rt) = "";
		jansson_get("callId", "$mqv(xfer)", "$var(ci)");
		jansson_get("fromTag", "$mqv(xfer)", "$var(ft)");
		jansson_get("toTag", "$mqv(xfer)", "$var(tt)");
		jansson_get("referTo", "$mqv(xfer)", "$var(rt)");
		if (!dlg_get("$var(ci)", "$var(ft)", "$var(tt)")) {
			xlog("L_WARN", "transfer: call $var(ci) has ended already\n");
		# dlg_refer names the side that stays in the dialog module's view: "callee" refers the caller's side
		} else if (!dlg_refer("callee", "<$var(rt)>")) {
			xlog("L_ERR", "transfer: the REFER of call $var(ci) could not be sent\n");
		} else {
			dlg_bye("callee");
		}
	}
}

####### HTTP: WebSocket handshake and JSON-RPC #######
event_route[xhttp:request] {
	set_reply_close();
	set_reply_no_connect();
	if (${httpPorts}) { xhttp_reply("403", "Forbidden", "", ""); exit; }
	if ($hu =~ "^/RPC") {
		if (!(${v.fromRpcClient})) { xhttp_reply("403", "Forbidden", "", ""); exit; }
		if ($hdr(Authorization) != "Bearer ${s.edgeToken}") { xhttp_reply("401", "Unauthorized", "", ""); exit; }
		jsonrpc_dispatch();
		exit;
	}
	if ($hu == "/transfer" && $rm == "POST") {
		if (!(${v.fromRpcClient})) { xhttp_reply("403", "Forbidden", "", ""); exit; }
		if ($hdr(Authorization) != "Bearer ${s.edgeToken}") { xhttp_reply("401", "Unauthorized", "", ""); exit; }
		route(TRANSFER);
		exit;
	}
	if ($hdr(Upgrade) =~ "[Ww]eb[Ss]ocket" && $hdr(Connection) =~ "[Uu]pgrade" && $rm == "GET") {
		if (ws_handle_handshake()) exit;
	}
	xhttp_reply("404", "Not Found", "", "");
}
`;
}
