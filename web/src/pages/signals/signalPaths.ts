// Where a signal's page is.
export const signalPath = (id: string) => `/signals/${id}`;
