import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../../common/api-error';
import { CurrentPrincipal } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { LiveStreamRegistry } from './live-stream-registry';
import { LiveUpdateSubscriber } from './live-update-subscriber.service';
import { sseCommentFrame } from './sse-frames';
import { SseResponseStream } from './sse-response-stream';
import { StreamCredentialLimit } from './stream-credential-limit';
import { StreamSettings } from './stream.settings';

const STREAM_DESCRIPTION = [
  "Server-sent events for the caller's agency only. First a `: connected` comment, then a `: ping` comment every 20 s, and:",
  '',
  '```',
  'event: run.changed',
  'data: {"runId":"…","workflowId":"…","clientId":"…","status":"running"}',
  '',
  'event: approval.changed',
  'data: {"approvalId":"…","runId":"…","status":"approved"}',
  '```',
  '',
  'Messages are hints to refetch (the run or approval endpoints stay the source of truth) and may be lost while a',
  'connection is down: on reconnect, refetch what is on screen. Every role may listen. One credential (API key or user)',
  'may hold at most 10 streams at once (429 beyond; a closed stream frees its place).',
].join('\n');

/** `GET /stream`: the live-update stream (SSE) written straight to the raw response, outside Nest's serializer. */
@ApiTags('stream')
@ApiBearerAuth()
@Controller('stream')
export class StreamController {
  constructor(
    private readonly registry: LiveStreamRegistry,
    private readonly subscriber: LiveUpdateSubscriber,
    private readonly settings: StreamSettings,
    private readonly limit: StreamCredentialLimit,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Live run and approval changes of the agency (server-sent events)',
    description: STREAM_DESCRIPTION,
  })
  @ApiOkResponse({
    description:
      'An endless `text/event-stream` (events `run.changed` and `approval.changed`, comments `connected` and `ping`)',
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          example: 'event: run.changed\ndata: {"runId":"…","workflowId":"…","clientId":"…","status":"completed"}\n\n',
        },
      },
    },
  })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing or invalid credentials' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'This credential already holds the most streams allowed',
  })
  async open(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply): Promise<void> {
    const credential = principal.apiKeyId ? `api_key:${principal.apiKeyId}` : `user:${principal.userId}`;
    const release = this.limit.acquire(credential);
    if (!release) {
      void reply.header('retry-after', '30');
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        `At most ${this.limit.max} live streams per credential are open at once; close one first`,
      );
    }
    try {
      await this.subscriber.ready(this.settings.subscribeWaitMs);
    } catch (error) {
      release();
      throw error;
    }
    reply.hijack();
    const response = reply.raw;
    // The place is freed when the connection closes, however it closes.
    response.once('close', release);
    if (response.destroyed || !response.socket || response.socket.destroyed) return release();
    // Headers set by hooks so far (rate-limit counters) go out too; hijacking skips Fastify's own send.
    const earlier = Object.entries(reply.getHeaders()).filter(
      (entry): entry is [string, string | number | string[]] => entry[1] !== undefined,
    );
    response.writeHead(200, {
      ...Object.fromEntries(earlier),
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    const stream = new SseResponseStream(response, this.settings.pingIntervalMs);
    stream.onClose(this.registry.add(principal.agencyId, stream));
    stream.send(sseCommentFrame('connected'));
  }
}
