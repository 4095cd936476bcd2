// What a page that failed to render shows, inside the app's frame, instead of the router's developer page.
import { useEffect, useState } from 'react';
import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useRouteError } from 'react-router';
import { isStaleChunkError, reloadForNewBuild } from './stale-build';

export function RouteError() {
  const error = useRouteError();
  const stale = isStaleChunkError(error);
  const [reloading, setReloading] = useState(stale);
  useEffect(() => {
    if (stale) setReloading(reloadForNewBuild());
  }, [stale]);
  if (reloading) return null;
  return (
    <Stack role="alert" maw={560} p="md">
      <Title order={1} size="h2">
        {stale ? 'Playmaker was updated' : 'This page could not be shown'}
      </Title>
      <Text>
        {stale
          ? 'Reload the page to get the new version.'
          : 'Something went wrong while showing this page. Reloading usually helps; if it keeps happening, tell your admin what you were doing.'}
      </Text>
      <Group>
        <Button onClick={() => window.location.reload()}>Reload</Button>
        <Anchor component={Link} to="/portfolio">
          Go to My Portfolio
        </Anchor>
      </Group>
    </Stack>
  );
}
