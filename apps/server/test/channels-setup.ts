import type { Team } from '@mattermost/types/teams';
import { addUserToTeam } from '../src/domains/teams/join.ts';
import type { ServerEvent } from '../src/realtime/bus.ts';
import { startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';

/**
 * Shared set-up for the channel suites: a server, its admin (who creates the team and so is team
 * admin), two plain team members, and an outsider who belongs to no team. Events published on the
 * bus are recorded so tests can check what clients would be told.
 */
export interface ChannelWorld {
  server: TestServer;
  admin: LoggedIn;
  alice: LoggedIn;
  bob: LoggedIn;
  outsider: LoggedIn;
  team: Team;
  events: ServerEvent[];
}

export async function channelWorld(config: Record<string, unknown> = {}): Promise<ChannelWorld> {
  const server = await startTestServer(config);
  const admin = await server.newUser({ username: unique('admin') });
  const alice = await server.userByAdmin(admin.client, { username: unique('alice') });
  const bob = await server.userByAdmin(admin.client, { username: unique('bob') });
  const outsider = await server.userByAdmin(admin.client, { username: unique('out') });
  const team = await admin.client.createTeam({
    name: unique('team'),
    display_name: 'Team',
    type: 'O',
  } as never);
  await addUserToTeam(server.parley.app, team.id, alice.user.id);
  await addUserToTeam(server.parley.app, team.id, bob.user.id);
  const events: ServerEvent[] = [];
  server.parley.app.events.subscribe((e) => events.push(e));
  return { server, admin, alice, bob, outsider, team, events };
}

/** The events named `name` recorded since `from` (an index into the events list). */
export function eventsNamed(world: ChannelWorld, name: string, from = 0): ServerEvent[] {
  return world.events.slice(from).filter((e) => e.event === name);
}

export function newChannelFields(teamId: string, type: 'O' | 'P' = 'O') {
  const name = unique('ch');
  return { team_id: teamId, name, display_name: `Channel ${name}`, type } as never;
}
