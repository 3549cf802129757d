-- a database per service; each service keeps its tables in a schema of its own inside it
create database intake owner reviewflow;
create database moderation owner reviewflow;
