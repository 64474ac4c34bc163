// `sluice settings [own-feeds-only on|off]`: the user's settings; with no arguments, shows them.
import { parseCommandArgs, UsageError, type CommandContext } from '../context.ts';

export async function settingsCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  let user = ctx.user;
  if (positionals.length) {
    const [key, value] = positionals;
    if (key !== 'own-feeds-only' || positionals.length !== 2) throw new UsageError('settings takes: own-feeds-only on|off');
    if (!/^(on|off|true|false)$/i.test(value)) throw new UsageError(`own-feeds-only is on or off, not "${value}"`);
    user = (await ctx.store.updateUserSettings(user.id, { ownFeedsOnly: /^(on|true)$/i.test(value) })) ?? user;
  }
  if (values.json) ctx.out.write(JSON.stringify({ user: user.name, ownFeedsOnly: user.ownFeedsOnly }, null, 2) + '\n');
  else {
    ctx.out.write(
      `own-feeds-only: ${user.ownFeedsOnly ? 'on (your feed ranks posts of your own subscriptions only)' : "off (your feed ranks posts from every feed on this instance)"}\n`,
    );
  }
  return 0;
}
