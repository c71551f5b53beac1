-- A login role that may read the published Levekårskart datasets and nothing else: the role the app's
-- DATABASE_URL should name. Run it as the role that publishes (it owns schema levekar), either through
--   python -m geo publish --database-url URL --create-reader levekar_reader
-- or with psql once something has been published:
--   psql "$ADMIN_URL" -v reader=levekar_reader -v password='…' -v dbname=levekar -f deploy/postgis_reader.sql
-- (--create-reader skips the CREATE ROLE line when the role exists and runs the rest.)
CREATE ROLE :"reader" LOGIN;
ALTER ROLE :"reader" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'password';
-- Every transaction of this role is read-only, even if a grant below is ever widened by mistake.
ALTER ROLE :"reader" SET default_transaction_read_only = on;
GRANT CONNECT ON DATABASE :"dbname" TO :"reader";
GRANT USAGE ON SCHEMA levekar TO :"reader";
GRANT SELECT ON ALL TABLES IN SCHEMA levekar TO :"reader";
-- Tables the publisher creates later (new releases of this program) are readable too.
ALTER DEFAULT PRIVILEGES IN SCHEMA levekar GRANT SELECT ON TABLES TO :"reader";
