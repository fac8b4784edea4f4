import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { workflowDefinitionJsonSchema } from '@automations/domain';
import { WORKFLOW_DEFINITION_SCHEMA_NAME } from './modules/workflows/workflow-definition.openapi';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Automations API')
    .setDescription(
      'IF/THEN workflow automation for marketing agencies. Authenticate with `POST /api/v1/auth/login` (JWT) or an API key, ' +
        'sent as `Authorization: Bearer <token>`. Errors are `{statusCode, error, message, details?}`; lists are paginated ' +
        '(`items`, `total`, `page`, `pageSize`, pageSize at most 200); unknown fields are rejected.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A JWT from /auth/login or an API key (ak_...)' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // The definition's schema comes from libs/domain (one source for API, docs and SPA), not from a DTO class.
  document.components = document.components ?? {};
  document.components.schemas = {
    ...document.components.schemas,
    [WORKFLOW_DEFINITION_SCHEMA_NAME]: workflowDefinitionJsonSchema as SchemaObject,
  };
  return document;
}

/** Swagger UI at /api/docs and the machine-readable spec at /api/openapi.json. */
export function setupOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    // No validator badge: it loads an image from validator.swagger.io (outside the CSP) and sends it the spec's URL.
    swaggerOptions: { persistAuthorization: true, validatorUrl: null },
  });
}
