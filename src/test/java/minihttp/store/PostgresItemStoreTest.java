package minihttp.store;

/**
 * The contract on PostgreSQL, each test on a fresh database of the throwaway server (skipped,
 * with a message, where the PostgreSQL binaries are missing).
 */
class PostgresItemStoreTest extends ItemStoreContract {

    @Override
    ItemDatabase openEmptyDatabase() {
        TestPostgres postgres = TestPostgres.sharedOrSkip();
        return PostgresDatabase.open(
                new PostgresDatabase.Config(postgres.createDatabase(), postgres.user(), postgres.password(), POOL_SIZE));
    }
}
