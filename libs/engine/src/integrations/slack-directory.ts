import { createHash } from 'node:crypto';
import { LogLevel, WebClient } from '@slack/web-api';
import { SlackNotifier } from './slack-notifier';

export interface SlackDirectoryChannel {
  id: string;
  /** Without the `#`. */
  name: string;
  isPrivate: boolean;
}

export interface SlackDirectoryUser {
  id: string;
  /** The display name people know (real name, else the handle). */
  name: string;
  handle: string;
}

export interface SlackDirectoryListing {
  channels: SlackDirectoryChannel[];
  users: SlackDirectoryUser[];
  /** More than the pages read (MAX_PAGES × PAGE_SIZE of either): the lists are cut. */
  truncated: boolean;
}

export interface SlackDirectoryOptions {
  /** Web API base URL (`SLACK_API_URL`); Slack's own by default. */
  slackApiUrl?: string;
  /** How long a workspace's listing is reused. Default 60 s. */
  ttlMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
const PAGE_SIZE = 200;
const MAX_PAGES = 10;
const MAX_CACHED_AGENCIES = 500;

interface CacheEntry {
  /** Hash of the token the listing was read with: a new token (reconnected workspace) reads again. */
  tokenHash: string;
  at: number;
  listing: Promise<SlackDirectoryListing>;
}

/**
 * The channels (public and private ones the app is in, not archived) and people (not deleted, not bots) of an
 * agency's Slack workspace, read with the agency's own bot token through `conversations.list` and `users.list`
 * (paginated), cached per agency for a short while so a picker's searches do not call Slack on every keystroke.
 * The cache is keyed by agency id and bound to a hash of the token: one agency's listing is never answered to another.
 * Failures are thrown as the engine's action errors (SlackNotifier.classify) and are not cached.
 */
export class SlackDirectory {
  private readonly slackApiUrl: string;
  private readonly ttlMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(options: SlackDirectoryOptions = {}) {
    this.slackApiUrl = options.slackApiUrl || DEFAULT_SLACK_API_URL;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  list(agencyId: string, token: string): Promise<SlackDirectoryListing> {
    const tokenHash = createHash('sha256').update(token).digest('hex');
    const cached = this.cache.get(agencyId);
    if (cached && cached.tokenHash === tokenHash && this.now() - cached.at < this.ttlMs) return cached.listing;
    const listing = this.read(token);
    this.cache.delete(agencyId);
    if (this.cache.size >= MAX_CACHED_AGENCIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(agencyId, { tokenHash, at: this.now(), listing });
    listing.catch(() => {
      if (this.cache.get(agencyId)?.listing === listing) this.cache.delete(agencyId);
    });
    return listing;
  }

  /** Forgets an agency's listing (its integration changed). */
  forget(agencyId: string): void {
    this.cache.delete(agencyId);
  }

  private async read(token: string): Promise<SlackDirectoryListing> {
    const client = new WebClient(token, {
      slackApiUrl: this.slackApiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: this.timeoutMs,
      logLevel: LogLevel.ERROR,
    });
    try {
      const [channels, users] = await Promise.all([
        this.pages(async (cursor) => {
          const page = await client.conversations.list({
            limit: PAGE_SIZE,
            cursor,
            exclude_archived: true,
            types: 'public_channel,private_channel',
          });
          return { items: page.channels ?? [], next: page.response_metadata?.next_cursor };
        }),
        this.pages(async (cursor) => {
          const page = await client.users.list({ limit: PAGE_SIZE, cursor });
          return { items: page.members ?? [], next: page.response_metadata?.next_cursor };
        }),
      ]);
      return {
        channels: channels.items
          .filter((channel) => channel.id && channel.name && !channel.is_archived)
          .map((channel) => ({
            id: String(channel.id),
            name: String(channel.name),
            isPrivate: channel.is_private === true,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        users: users.items
          .filter((user) => user.id && !user.deleted && !user.is_bot && user.id !== 'USLACKBOT')
          .map((user) => ({
            id: String(user.id),
            name: String(user.real_name || user.profile?.real_name || user.name),
            handle: String(user.name ?? ''),
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        truncated: channels.truncated || users.truncated,
      };
    } catch (error) {
      throw SlackNotifier.classify(error);
    }
  }

  private async pages<T>(
    read: (cursor: string | undefined) => Promise<{ items: T[]; next?: string }>,
  ): Promise<{ items: T[]; truncated: boolean }> {
    const items: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const result = await read(cursor);
      items.push(...result.items);
      if (!result.next) return { items, truncated: false };
      cursor = result.next;
    }
    return { items, truncated: true };
  }
}
