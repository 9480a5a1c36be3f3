import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

/** Adds `Link: <…>; rel="next"` to a page of a list, for clients that follow links. */
@Injectable()
export class PageLinkInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        const cursor = (body as { nextCursor?: unknown } | null)?.nextCursor;
        if (typeof cursor === 'string') {
          const request = context.switchToHttp().getRequest<FastifyRequest>();
          const url = new URL(request.url, 'http://placeholder');
          url.searchParams.set('cursor', cursor);
          void context
            .switchToHttp()
            .getResponse<FastifyReply>()
            .header('link', `<${url.pathname}${url.search}>; rel="next"`);
        }
        return body;
      }),
    );
  }
}
