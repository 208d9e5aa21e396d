DROP TABLE policy_activations;
DROP TABLE policy_version_files;
DROP TABLE policy_versions;
DROP TABLE policy_blobs;
