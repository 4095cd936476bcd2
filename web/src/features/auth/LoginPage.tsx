import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Center,
  Divider,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { errorMessage } from '@/lib/api-client';
import { useAuthProviders, useLogin } from './api';

/** Where the server sends a refused SSO sign-in: `/?sso_error=<message>`. */
function takeSsoError(): string | null {
  const params = new URLSearchParams(window.location.search);
  const message = params.get('sso_error');
  if (message) {
    // Shown once: a reload or a later sign-in should not repeat it.
    params.delete('sso_error');
    const rest = params.toString();
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`,
    );
  }
  return message;
}

export function LoginPage() {
  const providers = useAuthProviders();
  const [ssoError] = useState(takeSsoError);
  // If the server cannot say, offer the password form (the server still decides).
  const password = providers.data?.password ?? providers.isError;
  const sso = providers.data?.sso ?? false;
  return (
    <Center mih="100vh" bg="gray.0" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={380}>
        <Stack>
          <Title order={1} size="h2" id="login-title">
            Sign in to Playmaker
          </Title>
          {ssoError && (
            <Alert color="red" role="alert" title="Single sign-on did not work">
              {ssoError}
            </Alert>
          )}
          {providers.isPending && (
            <Center>
              <Loader size="sm" aria-label="Loading sign-in options" />
            </Center>
          )}
          {sso && (
            <Button
              component="a"
              href="/api/v1/auth/oidc/start"
              variant={password ? 'default' : 'filled'}
            >
              Sign in with SSO
            </Button>
          )}
          {sso && password && <Divider label="or" labelPosition="center" />}
          {password && <PasswordForm />}
          <Text size="xs" c="dimmed">
            API reference:{' '}
            <Anchor href="/api/docs" size="xs" underline="always">
              /api/docs
            </Anchor>
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}

function PasswordForm() {
  const login = useLogin();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+$/.test(v) ? null : 'Enter your e-mail address'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => login.mutate(v))} aria-labelledby="login-title" noValidate>
      <Stack>
        {login.isError && (
          <Alert color="red" role="alert">
            {errorMessage(login.error)}
          </Alert>
        )}
        <TextInput
          label="E-mail"
          type="email"
          autoComplete="username"
          required
          autoFocus
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={login.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
