// Where a directory search for a referral starts: the child's age and, when the region written in the
// record (or the chat's pre-chat answers) is a region's name, that region.
import { useMemo } from 'react';
import { useRegions } from '../directory/directoryApi';
import type { FilterValues } from '../directory/DirectoryFilters';

const key = (s: string) => s.trim().toLocaleLowerCase('ru').replace(/ё/g, 'е');

export function useReferralFilters(age: number | null | undefined, region: string | null | undefined): Partial<FilterValues> {
  const regions = useRegions();
  return useMemo(() => {
    const out: Partial<FilterValues> = {};
    if (typeof age === 'number' && age >= 0 && age <= 99) out.age = String(age);
    const wanted = region ? key(region) : '';
    const found = wanted ? regions.data?.find((r) => key(r.name) === wanted) : undefined;
    if (found) out.area = found.code;
    return out;
  }, [age, region, regions.data]);
}
