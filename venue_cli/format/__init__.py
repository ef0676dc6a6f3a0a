"""The dataset format: one table of record types (`spec`) and the code that reads it.

* `yamlsafe`: a strict YAML reader for untrusted files (no aliases, tags or surprises);
* `fields` and `spec`: the field types and the record tables;
* `validate`, `checks` and `build`: every problem as FILE:LINE:COL, then typed records;
* `jsonschema` and `docs`: the JSON Schema and the tables of docs/dataset-format.md, from
  the same table;
* `scenario`: the what-if scenario format, read with the same machinery;
* `upgrade`: rewriting a schema_version 1 file as version 2.
"""
