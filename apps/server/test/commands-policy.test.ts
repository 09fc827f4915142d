import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findAction, withActionIds } from '../src/domains/actions/policy.ts';
import { parseEcho, parseGroupTargets } from '../src/domains/commands/builtins/messages.ts';
import { commandProblem, readCommandFields, splitCommandLine } from '../src/domains/commands/policy.ts';

/** The pure rules of commands and actions, without a server. */

const valid = readCommandFields({
  team_id: 'a'.repeat(26),
  trigger: ' Deploy ',
  method: 'p',
  url: 'https://example.com/x',
});

test('command fields are read leniently and validated as upstream', () => {
  assert.equal(valid.trigger, 'deploy');
  assert.equal(valid.method, 'P');
  assert.equal(commandProblem(valid), null);
  assert.equal(commandProblem({ ...valid, team_id: 'x' })?.[0], 'model.command.is_valid.team_id.app_error');
  assert.equal(
    commandProblem({ ...valid, trigger: 'a'.repeat(129) })?.[0],
    'model.command.is_valid.trigger.app_error',
  );
  assert.equal(
    commandProblem({ ...valid, url: 'javascript:alert(1)' })?.[0],
    'model.command.is_valid.url_http.app_error',
  );
  assert.equal(
    commandProblem({ ...valid, display_name: 'x'.repeat(65) })?.[0],
    'model.command.is_valid.display_name.app_error',
  );
  assert.equal(
    commandProblem({ ...valid, description: 'x'.repeat(129) })?.[0],
    'model.command.is_valid.description.app_error',
  );
  assert.equal(readCommandFields({ trigger: 5, auto_complete: 'yes' }).trigger, '');
});

test('command lines split into a lower-cased trigger and the untouched rest', () => {
  assert.deepEqual(splitCommandLine('/Echo "a  b" 3'), { trigger: 'echo', message: '"a  b" 3' });
  assert.deepEqual(splitCommandLine('/away'), { trigger: 'away', message: '' });
});

test('/echo and /groupmsg arguments', () => {
  assert.deepEqual(parseEcho('"hello world" 5'), { text: 'hello world', delay: 5 });
  assert.deepEqual(parseEcho('hello 7'), { text: 'hello', delay: 7 });
  assert.deepEqual(parseEcho('just words'), { text: 'just words', delay: 0 });
  assert.deepEqual(parseGroupTargets('@Ann, @bob,carl hi there'), {
    names: ['ann', 'bob', 'carl'],
    text: 'hi there',
  });
});

test('actions are found by id and get ids when they lack one', () => {
  const props = {
    attachments: [
      {
        actions: [
          { id: 'ok', type: 'button', integration: { url: 'https://x', context: { a: 1 } } },
          { name: 'no id' },
        ],
      },
    ],
  };
  assert.deepEqual(findAction(props, 'ok'), {
    id: 'ok',
    type: 'button',
    data_source: '',
    integration: { url: 'https://x', context: { a: 1 } },
  });
  assert.equal(findAction(props, 'missing'), null);
  assert.equal(findAction({ attachments: 'nope' }, 'ok'), null);
  const filled = withActionIds(props, () => 'generated') as { attachments: { actions: { id: string }[] }[] };
  assert.deepEqual(
    filled.attachments[0].actions.map((a) => a.id),
    ['ok', 'generated'],
  );
});
