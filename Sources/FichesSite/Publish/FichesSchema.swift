/// The JSON Schema of `fiches.json`, published beside it as `fiches.schema.json`.
/// Change it with `OpenData.Document`, and raise `OpenData.version` when a field
/// changes meaning or goes away.
enum FichesSchema {
    static let text = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "fiches.schema.json",
          "title": "Bonnes pratiques de cohésion sociale : les fiches publiées",
          "type": "object",
          "required": ["version", "site", "droits", "fiches"],
          "additionalProperties": false,
          "properties": {
            "version": {"const": 1, "description": "Change seulement si un champ change de sens ou disparaît."},
            "genere-le": {"$ref": "#/$defs/date", "description": "La mise à jour la plus récente des fiches (absente s'il n'y en a aucune)."},
            "site": {
              "type": "object",
              "required": ["titre", "url", "langue", "editeur"],
              "additionalProperties": false,
              "properties": {
                "titre": {"type": "string"},
                "url": {"type": "string", "format": "uri", "pattern": "^https?://.*/$"},
                "langue": {"type": "string"},
                "editeur": {"type": "string"},
                "licence": {
                  "type": "object",
                  "description": "La licence des données ouvertes.",
                  "required": ["titre", "url"],
                  "additionalProperties": false,
                  "properties": {"titre": {"type": "string"}, "url": {"type": "string", "format": "uri"}}
                }
              }
            },
            "droits": {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["id", "libelle", "fiches"],
                "additionalProperties": false,
                "properties": {
                  "id": {"$ref": "#/$defs/id"},
                  "libelle": {"type": "string"},
                  "fiches": {"type": "integer", "minimum": 0, "description": "Fiches publiées qui ont ce droit, principal ou non."}
                }
              }
            },
            "fiches": {"type": "array", "items": {"$ref": "#/$defs/fiche"}},
            "retirees": {
              "type": "array",
              "description": "Les fiches retirées du répertoire (« retirees » de catalogue.yml) : leur adresse garde une page qui le dit.",
              "items": {
                "type": "object",
                "required": ["slug", "titre", "date", "url"],
                "additionalProperties": false,
                "properties": {
                  "slug": {"$ref": "#/$defs/id"},
                  "titre": {"type": "string"},
                  "date": {"$ref": "#/$defs/date"},
                  "url": {"type": "string", "format": "uri"},
                  "raison": {"type": "string"},
                  "voir": {"type": "array", "items": {"$ref": "#/$defs/id"}, "description": "Les fiches à lire à la place."}
                }
              }
            }
          },
          "$defs": {
            "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
            "libelle": {
              "type": "object",
              "required": ["id", "libelle"],
              "additionalProperties": false,
              "properties": {"id": {"$ref": "#/$defs/id"}, "libelle": {"type": "string"}}
            },
            "fiche": {
              "type": "object",
              "required": ["slug", "url", "titre", "resume", "droits", "publics", "porteurs", "contacts", "liens", "mise-a-jour", "statut", "corps"],
              "additionalProperties": false,
              "properties": {
                "slug": {"$ref": "#/$defs/id"},
                "url": {"type": "string", "format": "uri"},
                "titre": {"type": "string", "minLength": 5, "maxLength": 200},
                "resume": {"type": "string", "maxLength": 400},
                "droits": {
                  "type": "array",
                  "minItems": 1,
                  "description": "Le premier est le droit principal.",
                  "items": {
                    "type": "object",
                    "required": ["id", "libelle", "principal"],
                    "additionalProperties": false,
                    "properties": {"id": {"$ref": "#/$defs/id"}, "libelle": {"type": "string"}, "principal": {"type": "boolean"}}
                  }
                },
                "publics": {"type": "array", "items": {"type": "string"}},
                "porteurs": {"type": "array", "items": {"$ref": "#/$defs/libelle"}},
                "territoire": {
                  "type": "object",
                  "required": ["communes"],
                  "additionalProperties": false,
                  "properties": {
                    "province": {"$ref": "#/$defs/libelle"},
                    "communes": {"type": "array", "items": {"type": "string"}}
                  }
                },
                "contacts": {
                  "type": "array",
                  "minItems": 1,
                  "items": {
                    "type": "object",
                    "required": ["organisation"],
                    "additionalProperties": false,
                    "anyOf": [{"required": ["email"]}, {"required": ["telephone"]}, {"required": ["site"]}, {"required": ["masque"]}],
                    "properties": {
                      "organisation": {"type": "string"},
                      "nom": {"type": "string"},
                      "fonction": {"type": "string"},
                      "email": {"type": "string", "format": "email"},
                      "telephone": {"type": "string", "description": "Tel qu'il est affiché : 065 12 34 56."},
                      "telephone-e164": {"type": "string", "pattern": "^\\+32[0-9]{8,9}$"},
                      "site": {"type": "string", "format": "uri", "pattern": "^https?://"},
                      "adresse": {"type": "string"},
                      "masque": {
                        "type": "array",
                        "description": "Les champs que la page de la fiche donne mais que les exports taisent, parce qu'ils nomment une personne (« vie-privee » de catalogue.yml).",
                        "items": {"enum": ["nom", "email"]}
                      }
                    },
                    "dependentRequired": {"telephone": ["telephone-e164"]}
                  }
                },
                "liens": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["titre", "url"],
                    "additionalProperties": false,
                    "properties": {"titre": {"type": "string"}, "url": {"type": "string", "format": "uri", "pattern": "^https?://"}}
                  }
                },
                "mise-a-jour": {"$ref": "#/$defs/date"},
                "statut": {"enum": ["publie", "brouillon"]},
                "anciennes-adresses": {
                  "type": "array",
                  "description": "Les noms que la fiche a portés : chacun a une page qui mène à elle.",
                  "items": {"$ref": "#/$defs/id"}
                },
                "corps": {
                  "type": "object",
                  "description": "Le texte de la fiche, section par section : sa source Markdown et le texte que lit un lecteur. Les Markdown des sections, joints par une ligne vide, sont la source entière.",
                  "required": ["sections"],
                  "additionalProperties": false,
                  "properties": {
                    "sections": {
                      "type": "array",
                      "description": "Ce qui précède le premier intertitre « ## » (sans titre ni id), puis chaque intertitre « ## » et ce qui le suit.",
                      "items": {
                        "type": "object",
                        "required": ["markdown", "texte"],
                        "additionalProperties": false,
                        "properties": {
                          "titre": {"type": "string"},
                          "id": {"type": "string", "description": "L'ancre de la section dans la page de la fiche."},
                          "markdown": {"type": "string"},
                          "texte": {"type": "string"}
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }

        """#
}
