// The record being edited: the values on screen, and their way to the server. Drafts are saved as
// the counsellor types (one PATCH a second at most, with the version read last), risk answers at
// once (an imminent level alerts the supervisor), finalize sends whatever is still unsaved. Saves
// run one after another, each with the version the previous answer gave, so the tab never
// conflicts with itself; a 409 means another tab or person changed the record. Referrals to the
// directory are attached and removed in the same queue: the server ticks «referred» with a new
// version, which the editor adopts (with the actions, unless the person has changed them since).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isApiError } from '../api';
import { recordKey } from './recordsApi';
import type { EditableField, EditableFields, FinalizeProblem, RecordView, Referral, ReferralChange } from './types';
import type { RiskAnswers } from './vocabulary';

const DEBOUNCE_MS = 1000;

/** A refused finalize whose problems are now shown by the fields (not a save failure). */
class ProblemsShown extends Error {}

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';

export const editableOf = (view: RecordView): EditableFields => {
  const { ageGroup: _derived, ...fields } = view.fields;
  return { ...fields, vulnerable: fields.vulnerable ?? [], reasons: fields.reasons ?? [], actions: fields.actions ?? [] };
};

/** What goes over the wire: empty text is "not given". */
function wireValue<K extends EditableField>(name: K, value: EditableFields[K]): unknown {
  if (typeof value === 'string' && value.trim() === '') return null;
  if (name === 'region' && typeof value === 'string') return value.trim();
  return value;
}

export interface RecordEditor {
  view: RecordView;
  values: EditableFields;
  state: SaveState;
  savedAt: string | null;
  error: unknown;
  problems: FinalizeProblem[];
  setField: <K extends EditableField>(name: K, value: EditableFields[K]) => void;
  setRiskAnswers: (answers: RiskAnswers) => void;
  /** Sends what is unsaved now (corrections of a final record are saved only this way). */
  save: () => Promise<boolean>;
  finalize: () => Promise<boolean>;
  reload: () => Promise<void>;
  /** Why the last referral change failed (null: it did not). */
  referralError: unknown;
  /** Attaches a directory service as a referral (resolves false on failure: see referralError). */
  attachReferral: (directoryServiceId: string) => Promise<boolean>;
  removeReferral: (referralId: string) => Promise<boolean>;
}

export function useRecordEditor(initial: RecordView, autosave: boolean): RecordEditor {
  const queryClient = useQueryClient();
  const [view, setView] = useState(initial);
  const [values, setValues] = useState(() => editableOf(initial));
  const [state, setState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<FinalizeProblem[]>([]);
  const [referralError, setReferralError] = useState<unknown>(null);

  const version = useRef(initial.version);
  const valuesRef = useRef(values);
  const dirty = useRef(new Set<EditableField>());
  const pendingRisk = useRef<RiskAnswers | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const conflict = useRef(false);
  const busy = useRef(0);

  const accept = useCallback(
    (next: RecordView) => {
      version.current = next.version;
      setView(next);
      queryClient.setQueryData(recordKey(next.id), next);
    },
    [queryClient],
  );

  const fail = useCallback((err: unknown) => {
    if (isApiError(err, 'resource.version_conflict')) {
      conflict.current = true;
      setState('conflict');
    } else setState('error');
    setError(err);
  }, []);

  /** Queues `op` after the saves already running; resolves to whether it succeeded. */
  const enqueue = useCallback(
    (op: () => Promise<void>): Promise<boolean> => {
      busy.current += 1;
      const run = chain.current.then(async () => {
        if (conflict.current) return false;
        setState('saving');
        try {
          await op();
          setError(null);
          return true;
        } catch (err) {
          if (!(err instanceof ProblemsShown)) fail(err);
          return false;
        } finally {
          busy.current -= 1;
        }
      });
      chain.current = run;
      return run;
    },
    [fail],
  );

  const takeDirty = () => {
    const names = [...dirty.current];
    dirty.current.clear();
    return Object.fromEntries(names.map((n) => [n, wireValue(n, valuesRef.current[n])]));
  };

  const flush = useCallback((): Promise<boolean> => {
    clearTimeout(timer.current);
    return enqueue(async () => {
      const answers = pendingRisk.current;
      if (answers) {
        pendingRisk.current = null;
        accept(await api.post<RecordView>(`/api/records/${initial.id}/risk`, { version: version.current, answers }));
      }
      if (dirty.current.size > 0) {
        const fields = takeDirty();
        try {
          accept(await api.patch<RecordView>(`/api/records/${initial.id}`, { version: version.current, fields }));
        } catch (err) {
          for (const name of Object.keys(fields)) dirty.current.add(name as EditableField);
          throw err;
        }
      }
      setSavedAt(new Date().toISOString());
      setState('saved');
    });
  }, [enqueue, accept, initial.id]);

  const schedule = useCallback(() => {
    setState('pending');
    clearTimeout(timer.current);
    if (autosave) timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [autosave, flush]);

  const setField = useCallback(
    <K extends EditableField>(name: K, value: EditableFields[K]) => {
      valuesRef.current = { ...valuesRef.current, [name]: value };
      setValues(valuesRef.current);
      dirty.current.add(name);
      setProblems((p) => p.filter((x) => x.field !== name));
      schedule();
    },
    [schedule],
  );

  const setRiskAnswers = useCallback(
    (answers: RiskAnswers) => {
      valuesRef.current = { ...valuesRef.current, riskAnswers: answers };
      setValues(valuesRef.current);
      pendingRisk.current = answers;
      void flush();
    },
    [flush],
  );

  const finalize = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    setProblems([]);
    return enqueue(async () => {
      const answers = pendingRisk.current;
      if (answers) {
        pendingRisk.current = null;
        accept(await api.post<RecordView>(`/api/records/${initial.id}/risk`, { version: version.current, answers }));
      }
      const fields = takeDirty();
      try {
        accept(await api.post<RecordView>(`/api/records/${initial.id}/finalize`, { version: version.current, fields }));
        setState('idle');
      } catch (err) {
        // The fields were not saved with a refused finalize: keep them for the next save.
        for (const name of Object.keys(fields)) dirty.current.add(name as EditableField);
        if (isApiError(err, 'record.incomplete')) {
          const found = (err.details?.problems ?? []) as FinalizeProblem[];
          setProblems(found);
          if (dirty.current.size > 0) setState('pending');
          else setState('saved');
          // The problems are shown by their fields, not as a save failure.
          setError(null);
          if (autosave && dirty.current.size > 0) schedule();
          throw new ProblemsShown();
        }
        throw err;
      }
    });
  }, [enqueue, accept, initial.id, autosave, schedule]);

  /**
   * A referral change queued with the saves; the record's new version and actions are adopted. Its
   * failure is the referral's (referralError), not the draft's: the draft's state stays as it was.
   */
  const changeReferrals = useCallback(
    (op: () => Promise<ReferralChange>, next: (list: Referral[], change: ReferralChange) => Referral[]) => {
      setReferralError(null);
      return enqueue(async () => {
        const settle = () => setState(dirty.current.size > 0 ? 'pending' : 'saved');
        let change: ReferralChange;
        try {
          change = await op();
        } catch (err) {
          setReferralError(err);
          settle();
          throw new ProblemsShown();
        }
        version.current = change.record.version;
        if (!dirty.current.has('actions')) {
          valuesRef.current = { ...valuesRef.current, actions: change.record.actions };
          setValues(valuesRef.current);
        }
        setView((v) => {
          const updated = {
            ...v,
            version: change.record.version,
            fields: { ...v.fields, actions: change.record.actions },
            referrals: next(v.referrals, change),
          };
          queryClient.setQueryData(recordKey(updated.id), updated);
          return updated;
        });
        // A referral says where the caller was referred: a finalize problem about it is answered.
        if (change.referral) setProblems((p) => p.filter((x) => x.field !== 'referral'));
        setSavedAt(new Date().toISOString());
        settle();
      });
    },
    [enqueue, queryClient],
  );

  const attachReferral = useCallback(
    (directoryServiceId: string) =>
      changeReferrals(
        () => api.post<ReferralChange>(`/api/records/${initial.id}/referrals`, { directoryServiceId }),
        (list, change) => (change.referral && !list.some((r) => r.id === change.referral!.id) ? [...list, change.referral] : list),
      ),
    [changeReferrals, initial.id],
  );

  const removeReferral = useCallback(
    (referralId: string) =>
      changeReferrals(
        () => api.delete<ReferralChange>(`/api/records/${initial.id}/referrals/${referralId}`),
        (list) => list.filter((r) => r.id !== referralId),
      ),
    [changeReferrals, initial.id],
  );

  const reload = useCallback(async () => {
    clearTimeout(timer.current);
    dirty.current.clear();
    pendingRisk.current = null;
    conflict.current = false;
    const fresh = await queryClient.fetchQuery({
      queryKey: recordKey(initial.id),
      queryFn: () => api.get<RecordView>(`/api/records/${initial.id}`),
      staleTime: 0,
    });
    version.current = fresh.version;
    valuesRef.current = editableOf(fresh);
    setValues(valuesRef.current);
    setView(fresh);
    setProblems([]);
    setError(null);
    setState('idle');
  }, [queryClient, initial.id]);

  // Leaving the page (another route) saves what is pending; closing the tab with unsaved edits asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current.size > 0 || pendingRisk.current || busy.current > 0) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      if (autosave && (dirty.current.size > 0 || pendingRisk.current)) void flush();
    };
  }, [autosave, flush]);

  return {
    view,
    values,
    state,
    savedAt,
    error,
    problems,
    setField,
    setRiskAnswers,
    save: flush,
    finalize,
    reload,
    referralError,
    attachReferral,
    removeReferral,
  };
}
