//! Key files: written once with mode 0600 and a public key beside them; read back;
//! never overwritten; a public key is refused where a signing key is needed.

use onestop_ledger::{
    TreeHead, generate_signing_key, load_signing_key, load_verifying_key,
    read_or_create_signing_key, write_signing_key,
};

fn scratch(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("onestop-ledger-keys-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    dir
}

#[test]
fn a_key_file_round_trips_and_is_never_overwritten() {
    let dir = scratch("roundtrip");
    let path = dir.join("log.key");
    let key = generate_signing_key();
    write_signing_key(&path, &key).expect("write");
    assert!(
        write_signing_key(&path, &generate_signing_key()).is_err(),
        "no overwrite"
    );
    let back = load_signing_key(&path).expect("load");
    assert_eq!(back.to_bytes(), key.to_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // The public key file, the signing key file, or the bare hex all verify its heads.
    let pub_path = dir.join("log.key.pub");
    let head = TreeHead {
        tree_size: 3,
        root_hash: [7; 32],
        timestamp: 9,
    }
    .sign(&key);
    for p in [&pub_path, &path] {
        let vk = load_verifying_key(p).expect("verifying key");
        assert!(head.verify(&vk).is_ok());
    }
    let bare = dir.join("bare.pub");
    std::fs::write(&bare, hex::encode(key.verifying_key().to_bytes())).expect("write");
    assert!(
        head.verify(&load_verifying_key(&bare).expect("bare"))
            .is_ok()
    );
    // A public key where the signing key is needed, and garbage, are refused by name.
    let e = load_signing_key(&pub_path).expect_err("public is not secret");
    assert!(e.to_string().contains("public key"), "{e}");
    std::fs::write(dir.join("junk"), "not a key").expect("write");
    assert!(load_verifying_key(&dir.join("junk")).is_err());
    assert!(load_verifying_key(&dir.join("missing")).is_err());
    // read_or_create: the existing key, or a new one once.
    let k2 = read_or_create_signing_key(&path).expect("existing");
    assert!(!k2.created);
    assert_eq!(k2.key.to_bytes(), key.to_bytes());
    let fresh = dir.join("sub/new.key");
    let k3 = read_or_create_signing_key(&fresh).expect("created");
    assert!(k3.created);
    assert_eq!(
        read_or_create_signing_key(&fresh)
            .expect("again")
            .key
            .to_bytes(),
        k3.key.to_bytes()
    );
}
