import type {
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindOptionsOrder,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

type TenantRow = ObjectLiteral & { agencyId: string };

/**
 * The one place where tenancy is applied: every read and write through this repository is
 * constrained to the caller's agency, which comes from the credential only.
 */
export class AgencyScopedRepository<T extends TenantRow> {
  constructor(
    private readonly repository: Repository<T>,
    readonly agencyId: string,
  ) {}

  static for<E extends TenantRow>(
    manager: EntityManager,
    target: EntityTarget<E>,
    agencyId: string,
  ): AgencyScopedRepository<E> {
    return new AgencyScopedRepository(manager.getRepository(target), agencyId);
  }

  private scoped(where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    return { ...where, agencyId: this.agencyId } as FindOptionsWhere<T>;
  }

  findOne(where: FindOptionsWhere<T>): Promise<T | null> {
    return this.repository.findOne({ where: this.scoped(where) });
  }

  findById(id: string): Promise<T | null> {
    return this.findOne({ id } as unknown as FindOptionsWhere<T>);
  }

  find(where: FindOptionsWhere<T> = {}, order?: FindOptionsOrder<T>, take?: number): Promise<T[]> {
    return this.repository.find({ where: this.scoped(where), order, take });
  }

  count(where: FindOptionsWhere<T> = {}): Promise<number> {
    return this.repository.count({ where: this.scoped(where) });
  }

  async findPage(
    where: FindOptionsWhere<T>,
    order: FindOptionsOrder<T>,
    { page, pageSize }: PageRequest,
  ): Promise<Page<T>> {
    const [items, total] = await this.repository.findAndCount({
      where: this.scoped(where),
      order,
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total, page, pageSize };
  }

  /** A query builder already filtered to the agency (`alias.agency_id = :agencyId`). */
  query(alias: string): SelectQueryBuilder<T> {
    return this.repository
      .createQueryBuilder(alias)
      .where(`${alias}.agencyId = :scopedAgencyId`, { scopedAgencyId: this.agencyId });
  }

  async insert(values: Omit<DeepPartial<T>, 'agencyId'>): Promise<T> {
    const entity = this.repository.create({ ...values, agencyId: this.agencyId } as DeepPartial<T>);
    return this.repository.save(entity);
  }

  /** Updates rows of this agency matching `where`; returns how many changed. */
  async update(where: FindOptionsWhere<T>, patch: Partial<T>): Promise<number> {
    const { agencyId: _ignored, ...safePatch } = patch as TenantRow;
    const result = await this.repository.update(this.scoped(where), safePatch as never);
    return result.affected ?? 0;
  }
}
