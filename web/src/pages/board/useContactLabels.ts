// How the board names a contact (channel and risk) and a member of staff (pseudonym, or "of another
// service" for a partner's counsellor who is not on this board).
import { useT } from '../../i18n/I18nProvider';
import { channelKey, riskKey } from '../../routing/labels';
import type { Board, ContactView } from '../../routing/types';

export function useContactLabels(board: Board) {
  const t = useT();
  const names = new Map(board.counsellors.map((c) => [c.staffId, c.pseudonym]));
  return {
    summary: (c: ContactView) => t('routing.summary', { channel: t(channelKey(c.channel)), risk: t(riskKey(c.risk)) }),
    staffName: (staffId: string) => names.get(staffId) ?? t('board.otherService'),
  };
}
