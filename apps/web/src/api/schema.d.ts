/**
 * GENERATED FILE — do not edit by hand.
 * Regenerate with `npm run openapi:types -w @automations/web` (openapi-typescript v7; reads
 * http://127.0.0.1:3000/api/openapi.json, or $OPENAPI_URL). App code reads these types only
 * through src/api/types.ts (components["schemas"][...] and paths[...]).
 * This first version was written by hand in openapi-typescript's output shape and covers
 * POST /api/v1/auth/login, GET /api/v1/agency and GET /api/v1/workflows only.
 */

export interface paths {
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AgencyController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["WorkflowsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        LoginDto: {
            /**
             * Format: email
             * @example admin@example.com
             */
            email: string;
            password: string;
        };
        LoginResponseDto: {
            /** @description JWT to send as `Authorization: Bearer <token>` */
            accessToken: string;
        };
        ErrorResponseDto: {
            /** @example 401 */
            statusCode: number;
            /** @example Unauthorized */
            error: string;
            /** @example Invalid email or password */
            message: string;
            /** @description Extra information, e.g. the failing field paths of a validation error */
            details?: {
                path?: string;
                message?: string;
            }[];
        };
        AgencyDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /**
             * @description IANA time zone
             * @example Europe/Berlin
             */
            timezone: string;
            /** @description Agency settings and quotas */
            settings: {
                [key: string]: unknown;
            };
        };
        WorkflowListItemDto: {
            /** Format: uuid */
            id: string;
            name: string;
            description: string | null;
            isActive: boolean;
            /** @description Why the workflow is paused, when it is */
            pausedReason: string | null;
            version: number;
            runCount: number;
            successCount: number;
            failureCount: number;
            skipCount: number;
            /** @description successCount / finished runs, null before the first run */
            successRate: number | null;
            /** Format: date-time */
            lastRunAt: string | null;
            /** @description Failed runs not yet retried */
            failedRunsNeedingAttention: number;
            /** Format: date-time */
            updatedAt: string;
        };
        WorkflowPageDto: {
            items: components["schemas"]["WorkflowListItemDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponseDto"];
                };
            };
            /** @description Validation failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Invalid email or password */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AgencyController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgencyDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    WorkflowsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                search?: string;
                status?: "active" | "paused";
                /** @description Field to sort by, prefixed with - for descending */
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowPageDto"];
                };
            };
            /** @description Validation failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
}
