import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionError, SlackDirectory } from '@automations/engine';
import {
  AgencyScopedRepository,
  IntegrationEntity,
  integrationSecretContext,
  RuntimeConfig,
  SecretBox,
} from '@automations/persistence';
import type { Principal } from '../../common/principal';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import type { SlackDirectoryDto } from './dto/slack-directory.dto';

const MAX_RESULTS = 100;

/**
 * Channels and people of the caller's agency's Slack workspace for pickers, read with that agency's own bot token
 * (never another's: the token is looked up by the credential's agency) from `SLACK_API_URL`, cached briefly per agency.
 */
@Injectable()
export class SlackDirectoryService {
  private readonly directory: SlackDirectory;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secretBox: SecretBox,
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
  ) {
    this.directory = new SlackDirectory({ slackApiUrl: config.slackApiUrl });
  }

  async list(principal: Principal, search = ''): Promise<SlackDirectoryDto> {
    const row = await AgencyScopedRepository.for(this.dataSource.manager, IntegrationEntity, principal.agencyId)
      .query('integration')
      .addSelect('integration.secretEncrypted')
      .andWhere('integration.kind = :kind', { kind: 'slack' })
      .getOne();
    if (!row?.secretEncrypted) return { connected: false, problem: null, channels: [], users: [], truncated: false };
    let listing;
    try {
      listing = await this.directory.list(
        principal.agencyId,
        this.secretBox.open(row.secretEncrypted, integrationSecretContext(principal.agencyId, 'slack')),
      );
    } catch (error) {
      const problem = error instanceof ActionError ? error.message : 'Slack could not be listed';
      return { connected: true, problem, channels: [], users: [], truncated: false };
    }
    const needle = search.trim().toLowerCase().replace(/^[#@]/, '');
    const matches = (...texts: string[]) => needle === '' || texts.some((text) => text.toLowerCase().includes(needle));
    const channels = listing.channels.filter((channel) => matches(channel.name, channel.id));
    const users = listing.users.filter((user) => matches(user.name, user.handle, user.id));
    return {
      connected: true,
      problem: null,
      channels: channels.slice(0, MAX_RESULTS),
      users: users.slice(0, MAX_RESULTS),
      truncated: listing.truncated || channels.length > MAX_RESULTS || users.length > MAX_RESULTS,
    };
  }

  /** The integration changed: the next listing reads Slack again. */
  forget(agencyId: string): void {
    this.directory.forget(agencyId);
  }
}
