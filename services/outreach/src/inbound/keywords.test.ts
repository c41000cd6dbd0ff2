import { classifyInbound } from './keywords';

describe('inbound keywords', () => {
  it.each(['STOP', 'stop', ' Stop! ', 'STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit', 'REVOKE', 'OPT OUT', 'optout', '¡Stop!'])(
    '%j opts out',
    (body) => expect(classifyInbound(body)).toEqual({ kind: 'opt_out' }),
  );
  it.each(['START', 'unstop', 'Start.'])('%j opts back in', (body) => expect(classifyInbound(body)).toEqual({ kind: 'opt_in' }));
  it.each(['HELP', 'help', 'Info', 'ayuda'])('%j asks for help', (body) => expect(classifyInbound(body)).toEqual({ kind: 'help' }));
  it.each([
    ['PLAN', 'plan'],
    ['paid', 'pay'],
    ['Pagado', 'pay'],
    ['how much do I owe?', 'question'],
    ['please stop calling me at work', 'other'],
  ] as const)('%j is a reply meaning %s', (body, intent) => expect(classifyInbound(body)).toEqual({ kind: 'reply', intent }));
});
