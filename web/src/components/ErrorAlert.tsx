// A server error as the user sees it: the server's own localised message, announced at once.
import { Alert } from '@mantine/core';

export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" variant="light" role="alert" mb="md">
      {message}
    </Alert>
  );
}
