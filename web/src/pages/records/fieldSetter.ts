import type { EditableField, EditableFields } from '../../records/types';

/** Sets one field of the record being edited (see useRecordEditor). */
export type FieldSetter = <K extends EditableField>(name: K, value: EditableFields[K]) => void;
