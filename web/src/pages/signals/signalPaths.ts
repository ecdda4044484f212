// Where a signal's page is, and a service's «Адресаты сигналов».
export const signalPath = (id: string) => `/signals/${id}`;
export const agenciesPath = (serviceId: string) => `/signals/agencies/${serviceId}`;
