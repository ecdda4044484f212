// Providers and routes of the staff SPA.
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequirePermission } from './auth/RequirePermission';
import { PASSWORD_PATH, RequireSession } from './auth/RequireSession';
import { I18nProvider, useT } from './i18n/I18nProvider';
import { BoardPage } from './pages/board/BoardPage';
import { BoardPickerPage } from './pages/board/BoardPickerPage';
import { CannedResponsesPage } from './pages/chat/CannedResponsesPage';
import { ChatPage } from './pages/chat/ChatPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { DirectoryCardPage } from './pages/directory/DirectoryCardPage';
import { DirectoryPage } from './pages/directory/DirectoryPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { JournalPage } from './pages/records/JournalPage';
import { RecordPage } from './pages/records/RecordPage';
import { ReportsPage } from './pages/reports/ReportsPage';
import { ServicesPage } from './pages/services/ServicesPage';
import { StaffPage } from './pages/staff/StaffPage';
import { WorkstationPage } from './pages/workstation/WorkstationPage';
import { createQueryClient } from './queryClient';
import { appTheme, cssVariablesResolver } from './theme';
import { directoryVisible, reportsVisible, signalsVisible } from './layout/Navigation';
import { CasePage } from './pages/cases/CasePage';
import { CasesPage } from './pages/cases/CasesPage';
import { CaseSettingsPage } from './pages/cases/CaseSettingsPage';
import { SignalAgenciesPage } from './pages/signals/SignalAgenciesPage';
import { SignalPage } from './pages/signals/SignalPage';
import { SignalsPage } from './pages/signals/SignalsPage';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <ThemedApp />
      </QueryClientProvider>
    </I18nProvider>
  );
}

function ThemedApp() {
  const t = useT();
  const theme = useMemo(() => appTheme(t), [t]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <BrowserRouter>
        {/* Inside the router: a notification may hold a link (e.g. to the workstation for a new offer). */}
        <Notifications position="top-right" />
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<RequireSession />}>
            <Route index element={<HomePage />} />
            <Route path={PASSWORD_PATH} element={<ChangePasswordPage />} />
            <Route
              path="/services"
              element={
                <RequirePermission allow={(me) => me.permissions.manageServices || me.user.grants.some((g) => g.role === 'head')}>
                  <ServicesPage />
                </RequirePermission>
              }
            />
            <Route
              path="/staff"
              element={
                <RequirePermission allow={(me) => me.permissions.manageStaff}>
                  <StaffPage />
                </RequirePermission>
              }
            />
            <Route
              path="/workstation"
              element={
                <RequirePermission allow={(me) => me.permissions.dutyServiceIds.length > 0}>
                  <WorkstationPage />
                </RequirePermission>
              }
            />
            <Route
              path="/board"
              element={
                <RequirePermission allow={(me) => me.permissions.superviseServiceIds.length > 0}>
                  <BoardPickerPage />
                </RequirePermission>
              }
            />
            <Route path="/board/:serviceId" element={<BoardPage />} />
            <Route path="/board/:serviceId/canned-responses" element={<CannedResponsesPage />} />
            <Route path="/chats/:chatId" element={<ChatPage />} />
            <Route
              path="/records"
              element={
                <RequirePermission allow={(me) => me.permissions.dutyServiceIds.length > 0}>
                  <JournalPage />
                </RequirePermission>
              }
            />
            <Route path="/records/:id" element={<RecordPage />} />
            <Route
              path="/cases"
              element={
                <RequirePermission allow={(me) => me.permissions.dutyServiceIds.length > 0}>
                  <CasesPage />
                </RequirePermission>
              }
            />
            <Route path="/cases/:id" element={<CasePage />} />
            <Route path="/cases/settings/:serviceId" element={<CaseSettingsPage />} />
            <Route
              path="/signals"
              element={
                <RequirePermission allow={signalsVisible}>
                  <SignalsPage />
                </RequirePermission>
              }
            />
            <Route path="/signals/:id" element={<SignalPage />} />
            <Route path="/signals/agencies/:serviceId" element={<SignalAgenciesPage />} />
            <Route
              path="/reports"
              element={
                <RequirePermission allow={reportsVisible}>
                  <ReportsPage />
                </RequirePermission>
              }
            />
            <Route
              path="/directory"
              element={
                <RequirePermission allow={directoryVisible}>
                  <DirectoryPage />
                </RequirePermission>
              }
            />
            <Route
              path="/directory/:id"
              element={
                <RequirePermission allow={directoryVisible}>
                  <DirectoryCardPage />
                </RequirePermission>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </MantineProvider>
  );
}
