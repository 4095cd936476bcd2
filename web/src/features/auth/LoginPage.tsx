import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { errorMessage } from '@/lib/api-client';
import { useLogin } from './api';

export function LoginPage() {
  const login = useLogin();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+$/.test(v) ? null : 'Enter your e-mail address'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });
  return (
    <Center mih="100vh" bg="gray.0" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={380}>
        <form onSubmit={form.onSubmit((v) => login.mutate(v))} aria-labelledby="login-title" noValidate>
          <Stack>
            <Title order={1} size="h2" id="login-title">Sign in to Playmaker</Title>
            {login.isError && <Alert color="red" role="alert">{errorMessage(login.error)}</Alert>}
            <TextInput label="E-mail" type="email" autoComplete="username" required autoFocus {...form.getInputProps('email')} />
            <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
            <Button type="submit" loading={login.isPending}>Sign in</Button>
            <Text size="xs" c="dimmed">
              API reference: <Anchor href="/api/docs" size="xs" underline="always">/api/docs</Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
