// A call's remote audio and its end, as JsSIP reports them: the peer connection's incoming track goes
// to the <audio> element; 'ended' (after an answer) and 'failed' (before one: the caller gave up, the
// call was taken elsewhere, or refused) both mean the call is over.
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RemoteAudio } from './remoteAudio';

export function attachRemoteAudio(session: RTCSession, audio: RemoteAudio): void {
  const watch = (pc: RTCPeerConnection) =>
    pc.addEventListener('track', (e) => {
      if (e.track.kind === 'audio') audio.play(e.streams[0] ?? new MediaStream([e.track]));
    });
  if (session.connection) watch(session.connection);
  else session.on('peerconnection', ({ peerconnection }) => watch(peerconnection));
}

export function callSessionEnded(session: RTCSession, onEnd: () => void): void {
  session.on('ended', onEnd);
  session.on('failed', onEnd);
}
