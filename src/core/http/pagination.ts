import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { Type as ClassType } from '@nestjs/common';
import { ProblemException } from './problem';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `limit` and `cursor` of every list endpoint. */
export class PageQueryDto {
  @ApiPropertyOptional({
    description: `Items per page, at most ${MAX_PAGE_SIZE}.`,
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    example: 50,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({
    description: 'Opaque cursor from `nextCursor` of the previous page.',
    example: 'MDE5MzRmNmUtN2IyYy03MDAwLThhYmMtMTIzNDU2Nzg5MGFi',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be a cursor returned by this API' })
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!UUID.test(id)) {
    throw ProblemException.invalid([
      { field: 'cursor', messages: ['cursor must be a cursor returned by this API'] },
    ]);
  }
  return id;
}

/**
 * Keyset pagination by id (UUID v7, so roughly creation order): no row is returned twice and
 * none is skipped among those that existed when the walk began; deep pages cost the same as
 * the first. (A row created during the walk may sort behind the cursor and be missed.)
 */
export async function findPage<Entity extends { id: string }>(
  em: EntityManager,
  entityName: EntityName<Entity>,
  where: FilterQuery<Entity>,
  page: PageQueryDto,
  order: 'asc' | 'desc' = 'asc',
): Promise<Page<Entity>> {
  const conditions: FilterQuery<Entity>[] = [where];
  if (page.cursor) {
    const after = decodeCursor(page.cursor);
    conditions.push({ id: { [order === 'asc' ? '$gt' : '$lt']: after } } as FilterQuery<Entity>);
  }
  const rows = await em.find(entityName, { $and: conditions } as FilterQuery<Entity>, {
    orderBy: { id: order } as never,
    limit: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last.id) : null };
}

export function mapPage<From, To>(page: Page<From>, map: (item: From) => To): Page<To> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}

const pageClasses = new Map<ClassType, ClassType>();

/** The OpenAPI schema of a page of `Item` (one named class per item type). */
export function PageOf<Item>(item: ClassType<Item>): ClassType<Page<Item>> {
  const existing = pageClasses.get(item);
  if (existing) return existing as ClassType<Page<Item>>;
  class ItemPage implements Page<Item> {
    @ApiProperty({ type: item, isArray: true })
    items!: Item[];

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as `cursor` to get the next page; null on the last page.',
      example: null,
    })
    nextCursor!: string | null;
  }
  Object.defineProperty(ItemPage, 'name', { value: `${item.name.replace(/Dto$/, '')}Page` });
  pageClasses.set(item, ItemPage);
  return ItemPage;
}

export interface Items<T> {
  items: T[];
}

const listClasses = new Map<ClassType, ClassType>();

/** The OpenAPI schema of a short, unpaged list `{ items }` (one named class per item type). */
export function ItemsOf<Item>(item: ClassType<Item>): ClassType<Items<Item>> {
  const existing = listClasses.get(item);
  if (existing) return existing as ClassType<Items<Item>>;
  class ItemList implements Items<Item> {
    @ApiProperty({ type: item, isArray: true })
    items!: Item[];
  }
  Object.defineProperty(ItemList, 'name', { value: `${item.name.replace(/Dto$/, '')}List` });
  listClasses.set(item, ItemList);
  return ItemList;
}
