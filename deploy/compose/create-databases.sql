-- One PostgreSQL server, one database per service: services never share tables.
CREATE DATABASE registry;
CREATE DATABASE router;
CREATE DATABASE executor;
CREATE DATABASE timeline;
