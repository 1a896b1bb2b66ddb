"""Cohort.search_vector, kept by triggers, so the site search reads each
cohort's words instead of making them for every cohort on every search
(3 ms of a search for 22 cohorts).

The words are those the search weighed before: the cohort's name (A), its
program's name and its cities' names and other names ("Saint Paul St. Paul",
B), its summary (C). A cohort's own row makes them on insert and on a change of
those columns; a city that joins or leaves it, a city renamed and a program
renamed touch the cohorts they are part of.
"""

import django.contrib.postgres.search
from django.db import migrations

SEARCH_VECTOR = """
CREATE OR REPLACE FUNCTION cohorts_cohort_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(
      (SELECT p.name FROM cohorts_program p WHERE p.id = NEW.program_id), ''
    )), 'B') ||
    setweight(to_tsvector('english', coalesce(
      (SELECT string_agg(c.name || ' ' || coalesce(c.also_known_as, ''), ' '
                         ORDER BY c.name, c.id)
         FROM cohorts_participatingcity pc
         JOIN cohorts_city c ON c.id = pc.city_id
        WHERE pc.cohort_id = NEW.id), ''
    )), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER cohorts_cohort_search_vector
  BEFORE INSERT OR UPDATE OF name, summary, program_id ON cohorts_cohort
  FOR EACH ROW EXECUTE FUNCTION cohorts_cohort_search_vector();

CREATE OR REPLACE FUNCTION cohorts_participatingcity_search() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE cohorts_cohort SET name = name WHERE id = OLD.cohort_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE cohorts_cohort SET name = name WHERE id = NEW.cohort_id;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER cohorts_participatingcity_search
  AFTER INSERT OR UPDATE OF cohort_id, city_id OR DELETE ON cohorts_participatingcity
  FOR EACH ROW EXECUTE FUNCTION cohorts_participatingcity_search();

CREATE OR REPLACE FUNCTION cohorts_city_search() RETURNS trigger AS $$
BEGIN
  UPDATE cohorts_cohort SET name = name
   WHERE id IN (SELECT cohort_id FROM cohorts_participatingcity
                 WHERE city_id = NEW.id);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER cohorts_city_search
  AFTER UPDATE OF name, also_known_as ON cohorts_city
  FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name
        OR OLD.also_known_as IS DISTINCT FROM NEW.also_known_as)
  EXECUTE FUNCTION cohorts_city_search();

CREATE OR REPLACE FUNCTION cohorts_program_search() RETURNS trigger AS $$
BEGIN
  UPDATE cohorts_cohort SET name = name WHERE program_id = NEW.id;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER cohorts_program_search
  AFTER UPDATE OF name ON cohorts_program
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION cohorts_program_search();

UPDATE cohorts_cohort SET name = name;
"""

SEARCH_VECTOR_DROP = """
DROP TRIGGER IF EXISTS cohorts_program_search ON cohorts_program;
DROP FUNCTION IF EXISTS cohorts_program_search();
DROP TRIGGER IF EXISTS cohorts_city_search ON cohorts_city;
DROP FUNCTION IF EXISTS cohorts_city_search();
DROP TRIGGER IF EXISTS cohorts_participatingcity_search ON cohorts_participatingcity;
DROP FUNCTION IF EXISTS cohorts_participatingcity_search();
DROP TRIGGER IF EXISTS cohorts_cohort_search_vector ON cohorts_cohort;
DROP FUNCTION IF EXISTS cohorts_cohort_search_vector();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0006_spanish_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="cohort",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="search index"
            ),
        ),
        migrations.RunSQL(SEARCH_VECTOR, SEARCH_VECTOR_DROP),
    ]
