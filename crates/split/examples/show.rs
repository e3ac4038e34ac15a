//! Prints the units of each file given (kind, then the unit on one line), and the layout judged for it: a way to
//! check the splitter by eye on real text (`cargo run -p khulasa-split --example show -- FILE...`).

fn main() {
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        println!("# {path} ({:?})", khulasa_split::layout(&text));
        for unit in khulasa_split::split(&text) {
            let one_line: Vec<&str> = text
                .get(unit.start..unit.end)
                .unwrap_or("")
                .split_whitespace()
                .collect();
            println!("{:<11} {}", unit.kind.as_str(), one_line.join(" "));
        }
        println!();
    }
}
